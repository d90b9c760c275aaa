package importer

import (
	"github.com/xuri/excelize/v2"

	"gongkai/internal/catalog"
)

// exampleRow fills the template's sample row, in TemplateHeaders order.
var exampleRow = []string{
	"11610802016083285C/2023-00012", "关于印发《某区村卫生室管理办法》的通知", "政策文件", "某区卫生健康局",
	"2023-04-03", "2023-04-06", "某卫发〔2023〕12号", "村卫生室；管理办法", "有效",
	"印发村卫生室管理办法，规范村卫生室设置和执业管理。", "各镇卫生院：现将《某区村卫生室管理办法》印发给你们，请认真贯彻执行。",
	"行政规范性文件", "",
}

// Template returns the XLSX import template: the 目录 sheet with the header row and one
// example row, and a 填写说明 sheet listing the accepted 主题分类, 效力状态, 文件类别 and date
// forms. tax nil means the default taxonomy.
func Template(tax *catalog.Taxonomy) ([]byte, error) {
	if tax == nil {
		tax = catalog.DefaultTaxonomy()
	}
	f := excelize.NewFile()
	defer f.Close()
	const main, help = "目录", "填写说明"
	if err := f.SetSheetName("Sheet1", main); err != nil {
		return nil, err
	}
	headers := TemplateHeaders()
	row := make([]any, len(headers))
	for i, h := range headers {
		row[i] = h
	}
	if err := f.SetSheetRow(main, "A1", &row); err != nil {
		return nil, err
	}
	ex := make([]any, len(exampleRow))
	for i, v := range exampleRow {
		ex[i] = v
	}
	if err := f.SetSheetRow(main, "A2", &ex); err != nil {
		return nil, err
	}
	if err := f.SetColWidth(main, "A", "M", 18); err != nil {
		return nil, err
	}
	if _, err := f.NewSheet(help); err != nil {
		return nil, err
	}
	lines := [][]any{
		{"列", "说明"},
		{"名称", "必填。也可写作“标题”“信息名称”。"},
		{"索引号", "保留原目录的索引号；导入后不再改变。留空的条目不分配索引号。"},
		{"成文日期", "也可写作“发文日期”。格式：2021-01-26、2021/1/26、2021年1月26日或Excel日期。成文日期和发布日期至少填一项。"},
		{"发布日期", "留空时取成文日期。"},
		{"发布机构", "留空时使用导入时指定的默认发布机构。"},
		{"效力状态", "有效、失效或废止；留空为有效。"},
		{"废止日期", "效力状态为失效或废止时填写，用于统计年度报告中的本年废止件数和现行有效件数。"},
		{"文件类别", "普通信息、规章或行政规范性文件；留空为普通信息。"},
		{"主题词", "多个主题词用分号、逗号或顿号分隔。"},
		{"正文", "纯文本（每行一段）或HTML；脚本等不安全内容会被清除。"},
		{"", ""},
		{"主题分类", "留空为“其他”。可填写下列名称（及可识别的其他写法）："},
	}
	for _, tp := range tax.Topics() {
		alias := ""
		for i, a := range tp.Aliases {
			if i > 0 {
				alias += "、"
			}
			alias += a
		}
		lines = append(lines, []any{tp.Label, alias})
	}
	for i, l := range lines {
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		if err != nil {
			return nil, err
		}
		if err := f.SetSheetRow(help, cell, &l); err != nil {
			return nil, err
		}
	}
	if err := f.SetColWidth(help, "A", "A", 20); err != nil {
		return nil, err
	}
	if err := f.SetColWidth(help, "B", "B", 90); err != nil {
		return nil, err
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
