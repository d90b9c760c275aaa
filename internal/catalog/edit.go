package catalog

import (
	"gongkai/internal/account"
	"slices"
	"strings"
)

// ApplyEdit returns cur with the content fields of in: 名称, 主题分类, 发布机构, 成文日期, 文号,
// 主题词, 效力状态 (with its date), 内容概述, 正文 (sanitised here), attachments, 文件类别, 变更日期,
// the 依申请转主动 links, the documents a 解读 interprets, the 公示期 and the 公示 a result closes.
// Identity, 索引号, 发布日期 and every workflow field stay as they are: an 索引号 once assigned never changes, and publication only happens through Step.
// Only drafts are edited (CanEdit); the result is validated against tax.
func ApplyEdit(cur, in Item, who account.Principal, tax *Taxonomy) (Item, error) {
	if err := CanEdit(cur, who); err != nil {
		return cur, err
	}
	next := cur
	next.Title = strings.TrimSpace(in.Title)
	next.Topic = in.Topic
	next.Publisher = strings.TrimSpace(in.Publisher)
	next.WrittenOn = in.WrittenOn
	next.DocNo = strings.TrimSpace(in.DocNo)
	next.Keywords = slices.Clone(in.Keywords)
	next.Validity = in.Validity
	next.ValidityChangedOn = in.ValidityChangedOn
	next.Summary = strings.TrimSpace(in.Summary)
	next.BodyHTML = SanitizeBody(in.BodyHTML)
	next.Attachments = slices.Clone(in.Attachments)
	next.Kind = in.Kind
	next.ChangedOn = in.ChangedOn
	next.FromApplications = slices.Clone(in.FromApplications)
	next.Interprets = slices.Clone(in.Interprets)
	next.Period = in.Period
	next.Period.ObjectTo = strings.TrimSpace(in.Period.ObjectTo)
	next.ResultOf = in.ResultOf
	if err := next.Validate(tax); err != nil {
		return cur, err
	}
	return next, nil
}
