package main

import (
	"context"
	"database/sql"
	"fmt"
	"gongkai/internal/account"
	"math/rand/v2"
	"strings"
	"time"

	"gongkai/internal/agency"
	"gongkai/internal/catalog"
	"gongkai/internal/store"
)

// The synthetic catalog: one district government with 40 departments and n published items
// spread over 2008–2025, titles, 文号, 主题词, summaries and bodies built from the phrases
// government catalogs use. Deterministic for a given n (fixed seed).

type dept struct {
	name, abbr string
	areas      []string
}

var depts = []dept{
	{"卫生健康局", "清卫", []string{"传染病防控", "基本公共卫生服务", "医疗机构监管", "爱国卫生运动", "妇幼健康", "职业病防治", "家庭医生签约服务", "院前急救"}},
	{"教育局", "清教", []string{"义务教育招生", "校园安全", "学前教育", "教师队伍建设", "课后服务", "学生资助", "控辍保学", "校外培训治理"}},
	{"医疗保障局", "清医保", []string{"城乡居民医保缴费", "医保基金监管", "异地就医结算", "药品集中带量采购", "门诊慢特病", "长期护理保险"}},
	{"民政局", "清民", []string{"城乡低保", "特困人员供养", "养老服务", "婚姻登记", "殡葬改革", "社会组织管理", "临时救助"}},
	{"人力资源和社会保障局", "清人社", []string{"就业创业", "职业技能培训", "根治欠薪", "事业单位公开招聘", "工伤认定", "劳动人事争议仲裁"}},
	{"生态环境分局", "清环", []string{"大气污染防治", "建设项目环评审批", "排污许可", "土壤污染防治", "河湖水质监测", "环境信访"}},
	{"住房和城乡建设局", "清建", []string{"老旧小区改造", "保障性住房", "建筑施工安全", "物业管理", "城镇燃气安全", "商品房预售许可"}},
	{"交通运输局", "清交", []string{"农村公路建设", "道路运输许可", "公交线网优化", "出租汽车管理", "交通工程质量监督"}},
	{"农业农村局", "清农", []string{"高标准农田建设", "农产品质量安全", "动物防疫", "耕地地力保护补贴", "乡村振兴", "农村人居环境整治"}},
	{"市场监督管理局", "清市监", []string{"食品安全抽检", "特种设备安全", "价格监督检查", "企业登记注册", "计量器具检定", "知识产权保护"}},
	{"应急管理局", "清应急", []string{"安全生产检查", "防汛抗旱", "危险化学品监管", "森林防火", "应急预案演练", "自然灾害救助"}},
	{"财政局", "清财", []string{"部门预算", "部门决算", "政府采购", "惠民惠农财政补贴", "国有资产管理", "政府债务管理"}},
	{"发展和改革局", "清发改", []string{"重大项目建设", "价格管理", "粮食安全", "节能审查", "社会信用体系建设", "以工代赈"}},
	{"自然资源局", "清自然资源", []string{"国土空间规划", "土地征收", "建设用地审批", "不动产登记", "地质灾害防治", "耕地保护"}},
	{"水务局", "清水", []string{"河长制", "农村供水保障", "水土保持", "取水许可", "防洪工程", "节约用水"}},
	{"文化和旅游体育局", "清文旅", []string{"公共文化服务", "文物保护", "全民健身", "旅游市场监管", "非物质文化遗产保护"}},
	{"退役军人事务局", "清退役", []string{"优抚对象抚恤", "退役军人就业", "烈士纪念设施保护", "拥军优属"}},
	{"司法局", "清司", []string{"法律援助", "人民调解", "行政复议", "普法宣传", "社区矫正", "合法性审查"}},
	{"统计局", "清统", []string{"国民经济运行", "经济普查", "统计执法检查", "人口抽样调查"}},
	{"审计局", "清审", []string{"预算执行审计", "经济责任审计", "审计整改", "政府投资项目审计"}},
}

var (
	tmplNotice  = []string{"关于开展%d年%s工作的通知", "关于做好%d年%s工作的通知", "关于印发《%d年%s工作要点》的通知", "关于印发《清河区%s实施方案（%d年）》的通知", "关于进一步加强%s工作的实施意见", "清河区%s管理办法", "关于调整%s有关政策的通知"}
	tmplReport  = []string{"%d年%s工作总结", "%d年第%d季度%s情况通报", "%d年%d月%s行政许可决定公示", "关于%d年%s专项检查结果的通报", "%s政策解读", "%d年%s资金分配结果公示"}
	purposes    = []string{"贯彻落实上级部署", "切实保障人民群众合法权益", "进一步规范工作程序", "提升公共服务水平", "加强事中事后监管", "推进政务公开标准化规范化"}
	sentences   = []string{"各单位要高度重视，明确责任分工，确保各项工作落到实处。", "请各街道、各有关单位认真组织实施，执行中遇到的问题及时报告。", "本通知自印发之日起施行，有效期五年。", "对工作中发现的问题，要建立台账，限期整改，实行销号管理。", "要加强宣传引导，及时回应社会关切，营造良好氛围。", "请于每季度末将工作进展情况报送区%s。", "工作中要严格落实保密规定，涉及个人信息的不得公开。", "联系人及电话：区%s办公室，0912-38%05d。"}
	validities  = []catalog.Validity{catalog.Valid, catalog.Valid, catalog.Valid, catalog.Valid, catalog.Valid, catalog.Valid, catalog.Valid, catalog.Expired, catalog.Repealed}
	startDay    = time.Date(2008, 1, 1, 0, 0, 0, 0, time.UTC)
	spanDays    = int(time.Date(2025, 11, 20, 0, 0, 0, 0, time.UTC).Sub(startDay).Hours() / 24)
	topicCodes  []string
	noticeTopic = map[string]bool{"policy_documents": true, "plans": true}
)

func init() {
	for _, t := range catalog.DefaultTaxonomy().Topics() {
		topicCodes = append(topicCodes, t.Code)
	}
}

// buildDatabase creates the database at path with n published items.
func buildDatabase(ctx context.Context, path string, n int) error {
	db, err := store.Open(ctx, path)
	if err != nil {
		return err
	}
	var ids []int64
	err = db.InTx(ctx, func(tx *store.Tx) error {
		g := agency.Government{Name: "清河区人民政府", Region: "清河区"}
		if err := tx.Agencies().CreateGovernment(ctx, account.System(), &g); err != nil {
			return err
		}
		for _, d := range depts {
			a := agency.Agency{GovernmentID: g.ID, Name: "清河区" + d.name, OfficeName: "清河区" + d.name + "办公室",
				OfficeAddress: "清河区人民路1号", OfficePhone: "0912-3800000", OfficeHours: "法定工作日 9:00—12:00，14:00—17:30"}
			if err := tx.Agencies().Create(ctx, account.System(), &a); err != nil {
				return err
			}
			ids = append(ids, a.ID)
		}
		return nil
	})
	if err != nil {
		return err
	}
	db.Close()
	// The bulk load runs without a journal and with a large page cache; the search indexes
	// (trigram and pairs, kept by the triggers, row by row) buffer up to 256 MiB each before
	// writing a segment, so that they merge segments less often. All go back to their
	// defaults afterwards.
	sqldb, err := store.OpenSQLiteRaw("file:" + path + "?_pragma=busy_timeout(10000)&_pragma=synchronous(OFF)&_pragma=cache_size(-2000000)&_pragma=temp_store(MEMORY)")
	if err != nil {
		return err
	}
	defer sqldb.Close()
	sqldb.SetMaxOpenConns(1)
	for _, stmt := range []string{`PRAGMA journal_mode = DELETE`, `PRAGMA journal_mode = OFF`,
		`INSERT INTO catalog_search (catalog_search, rank) VALUES ('hashsize', 268435456)`,
		`INSERT INTO catalog_search_pairs (catalog_search_pairs, rank) VALUES ('hashsize', 268435456)`} {
		if _, err := sqldb.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("%s: %w", stmt, err)
		}
	}
	// One transaction, one prepared statement: the search triggers index each row as it goes.
	tx, err := sqldb.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	ins, err := tx.PrepareContext(ctx, `INSERT INTO catalog_items (agency_id, index_no, title, topic, publisher, written_on, published_on, doc_no, keywords, validity, validity_changed_on, summary, body_html, kind, state, published_at, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'published', ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer ins.Close()
	rng := rand.New(rand.NewPCG(20251125, 5))
	seq := map[[2]int]int{}
	docSeq := map[[2]int]int{}
	start := time.Now()
	for i := 0; i < n; i++ {
		di := rng.IntN(len(depts))
		it := synthItem(rng, di, seq, docSeq)
		now := store.FormatTime(it.PublishedOn.Add(time.Duration(9+rng.IntN(8)) * time.Hour))
		vchanged := ""
		if !it.ValidityChangedOn.IsZero() {
			vchanged = store.FormatDay(it.ValidityChangedOn)
		}
		if _, err := ins.ExecContext(ctx, ids[di], it.IndexNo, it.Title, it.Topic, it.Publisher, store.FormatDay(it.WrittenOn), store.FormatDay(it.PublishedOn),
			it.DocNo, catalog.JoinKeywords(it.Keywords), string(it.Validity), vchanged, it.Summary, it.BodyHTML, string(it.Kind), now, now, now); err != nil {
			return fmt.Errorf("item %d: %w", i, err)
		}
		if (i+1)%100000 == 0 {
			fmt.Printf("  %d items (%.0f/s)\n", i+1, float64(i+1)/time.Since(start).Seconds())
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	fmt.Printf("  loaded in %s; merging the search indexes …\n", time.Since(start).Round(time.Second))
	for _, stmt := range []string{`INSERT INTO catalog_search (catalog_search) VALUES ('optimize')`,
		`INSERT INTO catalog_search (catalog_search, rank) VALUES ('hashsize', 1048576)`,
		`INSERT INTO catalog_search_pairs (catalog_search_pairs) VALUES ('optimize')`,
		`INSERT INTO catalog_search_pairs (catalog_search_pairs, rank) VALUES ('hashsize', 1048576)`, `ANALYZE`, `PRAGMA journal_mode = WAL`} {
		if _, err := sqldb.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("%s: %w", stmt, err)
		}
	}
	return nil
}

func pick[T any](rng *rand.Rand, xs []T) T { return xs[rng.IntN(len(xs))] }

func synthItem(rng *rand.Rand, di int, seq, docSeq map[[2]int]int) catalog.Item {
	d := depts[di]
	day := startDay.AddDate(0, 0, rng.IntN(spanDays))
	written := day.AddDate(0, 0, -rng.IntN(15))
	y := written.Year()
	area := pick(rng, d.areas)
	topic := pick(rng, topicCodes)
	var title string
	if noticeTopic[topic] || rng.IntN(3) == 0 {
		t := pick(rng, tmplNotice)
		switch strings.Count(t, "%") {
		case 2:
			if strings.Index(t, "%d") < strings.Index(t, "%s") {
				title = fmt.Sprintf(t, y, area)
			} else {
				title = fmt.Sprintf(t, area, y)
			}
		default:
			title = fmt.Sprintf(t, area)
		}
	} else {
		t := pick(rng, tmplReport)
		switch t {
		case tmplReport[1]:
			title = fmt.Sprintf(t, y, 1+rng.IntN(4), area)
		case tmplReport[2]:
			title = fmt.Sprintf(t, y, int(written.Month()), area)
		case tmplReport[4]:
			title = fmt.Sprintf(t, area)
		default:
			title = fmt.Sprintf(t, y, area)
		}
	}
	seqKey := [2]int{di, y}
	seq[seqKey]++
	it := catalog.Item{
		IndexNo:   fmt.Sprintf("11610802MB%07d%c/%d-%05d", 1000000+di, 'A'+rune(di%20), y, seq[seqKey]),
		Title:     title,
		Topic:     topic,
		Publisher: "清河区" + d.name,
		WrittenOn: written, PublishedOn: day,
		Keywords: []string{area, pick(rng, d.areas)},
		Validity: pick(rng, validities),
		Kind:     catalog.General,
	}
	if it.Validity != catalog.Valid {
		it.ValidityChangedOn = day.AddDate(1+rng.IntN(3), 0, 0)
	}
	if noticeTopic[topic] || rng.IntN(3) == 0 {
		docSeq[seqKey]++
		suffix := pick(rng, []string{"发", "函", "办发"})
		it.DocNo = fmt.Sprintf("%s%s〔%d〕%d号", d.abbr, suffix, y, docSeq[seqKey])
		if suffix == "发" && rng.IntN(4) == 0 {
			it.Kind = catalog.Normative
		}
	}
	it.Summary = fmt.Sprintf("为%s，清河区%s就%s有关事项作出安排。", pick(rng, purposes), d.name, area)
	var b strings.Builder
	fmt.Fprintf(&b, "<p>各街道办事处、区直各有关单位：</p><p>为%s，现就%d年%s有关事项通知如下。</p>", pick(rng, purposes), y, area)
	for k := 0; k < 3; k++ {
		s := pick(rng, sentences)
		switch strings.Count(s, "%") {
		case 1:
			s = fmt.Sprintf(s, d.name)
		case 2:
			s = fmt.Sprintf(s, d.name, rng.IntN(100000))
		}
		fmt.Fprintf(&b, "<p>%s、%s</p>", []string{"一", "二", "三"}[k], s)
	}
	fmt.Fprintf(&b, "<p>清河区%s</p><p>%d年%d月%d日</p>", d.name, y, written.Month(), written.Day())
	it.BodyHTML = b.String()
	return it
}

// sampleItemID returns a published item id for the item-page target.
func sampleItemID(ctx context.Context, path string) (int64, error) {
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return 0, err
	}
	defer db.Close()
	var id int64
	err = db.QueryRowContext(ctx, `SELECT id FROM catalog_items WHERE state = 'published' AND doc_no <> '' ORDER BY id LIMIT 1 OFFSET 500000`).Scan(&id)
	if err == sql.ErrNoRows {
		err = db.QueryRowContext(ctx, `SELECT MAX(id) FROM catalog_items WHERE state = 'published'`).Scan(&id)
	}
	return id, err
}
