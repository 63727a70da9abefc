package pdf

import (
	"bytes"
	"github.com/jifen-dev/jifen/internal/golden"
	"github.com/jifen-dev/jifen/internal/model"
	"strings"
	"testing"
	"time"
)

// TestPublicContent checks what the public notices must and must not say
// (SPEC §7: names, 类别, 党小组, the figures, the period, how to object — no
// deduction reasons, 编号, proposals, reasons or follow-up actions).
func TestPublicContent(t *testing.T) {
	t.Parallel()
	needTool(t, "pdftotext")
	res := testResult(t, 12)
	o := Options{Now: testNow}
	q := flatText(t, func(w *bytes.Buffer) error { _, err := QuarterNotice(w, res, 3, o); return err })
	for _, want := range []string{
		"中共示例市示例局机关党支部2026年第三季度党员积分公示",
		"序号姓名类别党小组基础积分奖励积分违规扣分季度积分",
		"1王建国正式党员第一党小组80.08088.0", // one number of decimals per column: 80.0 beside 72.5
		"10吴玥入党积极分子第一党小组",
		"注：入党积极分子、发展对象参加积分管理，不参与评定等次。",
		"公示时间：2026年10月1日至2026年10月3日",
		"异议受理：局党建办公室（办公楼三楼305室，电话0000-12345678）。",
		"中共示例市示例局机关党支部委员会2026年10月1日",
	} {
		if !strings.Contains(q, want) {
			t.Errorf("quarter notice lacks %q:\n%s", want, q)
		}
	}
	for _, leak := range []string{"排名", "主题党日", "纪要", "D001", "未公示草稿"} {
		if strings.Contains(q, leak) {
			t.Errorf("quarter notice shows %q", leak)
		}
	}
	res.Year.Settings.ShowRanks = true
	q = flatText(t, func(w *bytes.Buffer) error { _, err := QuarterNotice(w, res, 3, o); return err })
	if !strings.Contains(q, "排名") || !strings.Contains(q, "注：入党积极分子、发展对象参加积分管理，不参与排名和评定等次。") {
		t.Errorf("公示排名 是: ranks missing:\n%s", q)
	}
	res.Year.Settings.ShowRanks = false

	a := flatText(t, func(w *bytes.Buffer) error { _, err := AnnualNotice(w, res, o); return err })
	for _, want := range []string{"2026年度党员积分评定结果公示", "年度综合得分", "确定等次", "公示时间：2027年1月1日至2027年1月3日", "优秀",
		"序号姓名类别党小组季度平均分基础平均分奖励平均分年度扣分民主评议分综合得分确定等次", "年度扣分为全年各季度违规扣分之和"} {
		if !strings.Contains(a, want) {
			t.Errorf("annual notice lacks %q:\n%s", want, a)
		}
	}
	for _, leak := range []string{"建议等次", "不低于", "谈话", "抗洪", "处置", "马丽娟" /* no 民主评议 */, "吴玥" /* 入党积极分子 */} {
		if strings.Contains(a, leak) {
			t.Errorf("annual notice shows %q", leak)
		}
	}
}

func TestCommitteeContent(t *testing.T) {
	t.Parallel()
	needTool(t, "pdftotext")
	res := testResult(t, 32)
	o := Options{Now: testNow}
	s := flatText(t, func(w *bytes.Buffer) error { _, err := Slips(w, res, 1, o); return err })
	for _, want := range []string{"党员积分核实单", "无故缺席2月主题党日活动，经支委会研究扣分（纪要第2号）", "本人签字：", "积分管理员：李晓燕", "第13名（共28人）", "不参与排名"} {
		if !strings.Contains(s, want) {
			t.Errorf("slips lack %q", want)
		}
	}
	if strings.Contains(s, "司马光辉") || strings.Contains(s, "黄淼") {
		t.Error("slips include a member who did not take part in Q1 (exempt / joined in May)")
	}
	r := flatText(t, func(w *bytes.Buffer) error { _, err := AnnualRegister(w, res, o); return err })
	for _, want := range []string{
		"党员积分制管理年度综合积分登记表", "不纳入积分管理",
		"支部确定为优秀：抗洪抢险中表现突出", "提醒谈话", "缺少民主评议数据，未评定", "2026年5月12日转入",
		"支部书记签字", "支部（盖章）", "日期：2027年1月1日", "报送上级党组织：中共示例市直属机关工作委员会", "党员积分制管理年度综合积分登记表（续）",
	} {
		if !strings.Contains(r, want) {
			t.Errorf("register lacks %q", want)
		}
	}
	for _, leak := range []string{"年老体弱", "已报机关工委备案"} { // SPEC §2.3: the fact of exemption only
		if strings.Contains(r, leak) {
			t.Errorf("register shows %q", leak)
		}
	}
}

func TestDraftWatermark(t *testing.T) {
	t.Parallel()
	needTool(t, "pdftotext")
	res := testResult(t, 32)
	var buf bytes.Buffer
	if _, err := QuarterNotice(&buf, res, 4, Options{Now: testNow, Draft: true}); err != nil {
		t.Fatal(err)
	}
	text := run(t, "pdftotext", "-enc", "UTF-8", writeTemp(t, "draft.pdf", buf.Bytes()), "-")
	// pdftotext drops some of the rotated text, so count the banners.
	pages := strings.Count(text, "\f")
	if n := strings.Count(text, "未公示草稿 · 仅供支部委员会预览，不得张贴"); pages < 2 || n != pages {
		t.Errorf("%d draft banners on %d pages, want one per page", n, pages)
	}
}

// TestGolden keeps the extracted text of each document for a small branch
// under review: run with -update after an intended change and read the diff.
func TestGolden(t *testing.T) {
	needTool(t, "pdftotext")
	res := testResult(t, 5)
	for _, doc := range documents {
		t.Run(doc.name, func(t *testing.T) {
			t.Parallel()
			got := run(t, "pdftotext", "-enc", "UTF-8", writeTemp(t, "g.pdf", render(t, doc, res, Options{Now: testNow})), "-")
			golden.Check(t, doc.name+".txt.golden", []byte(got))
		})
	}
}

// The annual notice is dated by the branch's decision, not by the day of the
// build, so rebuilding a closed year reproduces the notice that was posted.
func TestAnnualNoticeDatedByDecision(t *testing.T) {
	t.Parallel()
	needTool(t, "pdftotext")
	res := testResult(t, 6)
	m := res.Members[0]
	res.Year.Decisions = append(res.Year.Decisions,
		&model.Decision{Member: m.Member, Date: model.NewDate(2027, 1, 8)},
		&model.Decision{Member: res.Members[1].Member, Date: model.NewDate(2027, 1, 12)})
	for _, now := range []time.Time{testNow, testNow.AddDate(0, 2, 0)} {
		text := flatText(t, func(w *bytes.Buffer) error { _, err := AnnualNotice(w, res, Options{Now: now}); return err })
		if !strings.Contains(text, "公示时间：2027年1月12日至") {
			t.Errorf("built %s: annual notice not dated by the last 决定日期:\n%s", now.Format("2006-01-02"), text)
		}
	}
}

// flatText renders a document and returns its pdftotext output without
// whitespace, since pdftotext guesses spaces inside Chinese text.
func flatText(t *testing.T, render func(*bytes.Buffer) error) string {
	t.Helper()
	var buf bytes.Buffer
	if err := render(&buf); err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(run(t, "pdftotext", "-enc", "UTF-8", writeTemp(t, "x.pdf", buf.Bytes()), "-")), "")
}
