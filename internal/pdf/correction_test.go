package pdf

import (
	"bytes"
	"strings"
	"testing"

	"github.com/jifen-dev/jifen/internal/golden"
	"github.com/jifen-dev/jifen/internal/model"
)

// corrected gives quarter 2 of res a posted 公示 and a 更正公示 awaiting
// posting: a member's figures changed, one added, one removed, each with
// the 调查结果 of the 更正 row that explains it.
func corrected(res *model.Result) {
	m := res.Members
	obj := func(row int, inv string) *model.Objection {
		return &model.Objection{Pos: model.Pos{File: "data/2026/登记.xlsx", Sheet: "异议处理", Row: row}, Quarter: 2,
			Received: model.NewDate(2026, 7, 2), Feedback: model.NewDate(2026, 7, 6), Outcome: model.OutcomeCorrected,
			Status: model.StatusAnswered, Investigation: inv}
	}
	pub := res.Pub(2)
	pub.Records = []*model.Record{{Kind: model.PostNotice, Period: 2, Year: 2026, Posted: model.NewDate(2026, 7, 1),
		Start: model.NewDate(2026, 7, 1), End: model.NewDate(2026, 7, 3), Name: "2026-Q2-公示-20260701"}}
	pub.Pending = []model.Change{
		{ID: m[0].Member.ID, Name: m[0].Member.Name, Kind: model.ChangedFigures, Objection: obj(2, "经核对签到表，该同志参加了5月党课，系登记遗漏，已补登记"),
			Investigation: "经核对签到表，该同志参加了5月党课，系登记遗漏，已补登记",
			Figures:       []model.FigureChange{{Figure: model.FigBase, Old: "70", New: "75"}, {Figure: model.FigTotal, Old: "74", New: "79"}}},
		{ID: "D099", Name: "新同志", Kind: model.MemberAdded, Objection: obj(3, "组织关系已于4月转入，公示漏列"),
			Investigation: "组织关系已于4月转入，公示漏列",
			Figures:       []model.FigureChange{{Figure: model.FigBase, New: "60"}, {Figure: model.FigReward, New: "2"}, {Figure: model.FigDeduction, New: "0"}, {Figure: model.FigTotal, New: "62"}}},
		{ID: m[1].Member.ID, Name: m[1].Member.Name, Kind: model.MemberRemoved, Objection: obj(4, "已于3月转出，不应列入"),
			Investigation: "已于3月转出，不应列入",
			Figures:       []model.FigureChange{{Figure: model.FigBase, Old: "65"}, {Figure: model.FigReward, Old: "4"}, {Figure: model.FigDeduction, Old: "0"}, {Figure: model.FigTotal, Old: "69"}}},
	}
	pub.CorrectionStart, pub.CorrectionEnd = model.NewDate(2026, 7, 6), model.NewDate(2026, 7, 8)
}

// TestCorrectionGolden keeps the 更正公示's text under review (SPEC §11):
// its title, what it corrects and why, its own 公示期 and signature.
func TestCorrectionGolden(t *testing.T) {
	needTool(t, "pdftotext")
	res := testResult(t, 5)
	corrected(res)
	var buf bytes.Buffer
	if _, err := CorrectionNotice(&buf, res, 2, Options{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "correction-q2.txt.golden", []byte(run(t, "pdftotext", "-enc", "UTF-8", writeTemp(t, "c.pdf", buf.Bytes()), "-")))
	flat := flatText(t, func(w *bytes.Buffer) error { _, err := CorrectionNotice(w, res, 2, Options{Now: testNow}); return err })
	for _, want := range []string{
		"中共示例市示例局机关党支部关于2026年第二季度党员积分公示的更正",
		"本支部于2026年7月1日张贴了2026年第二季度党员积分公示（公示时间：2026年7月1日至2026年7月3日）",
		"项目", "原公示", "更正后", "调查结果",
		"经核对签到表，该同志参加了5月党课，系登记遗漏，已补登记",
		"共更正3人。其他人员的积分以原公示为准。「—」表示原公示未列出该人员，或更正后不再列出。",
		"公示时间：2026年7月6日至2026年7月8日",
		"异议受理：局党建办公室",
		"中共示例市示例局机关党支部委员会2026年7月6日",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("correction lacks %q:\n%s", want, flat)
		}
	}
	// Dated by its own 公示期, whatever the build's day.
	var again bytes.Buffer
	if _, err := CorrectionNotice(&again, res, 2, Options{Now: testNow.AddDate(1, 0, 0)}); err != nil || !bytes.Equal(again.Bytes(), buf.Bytes()) {
		t.Errorf("a correction built a year later differs (%v)", err)
	}
	// Nothing to correct: no document.
	res.Pub(2).Pending = nil
	if _, err := CorrectionNotice(&again, res, 2, Options{Now: testNow}); err == nil {
		t.Error("a correction without changes was made")
	}
}
