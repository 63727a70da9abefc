package pipeline

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"
)

// genSpec describes a generated register of one branch for 2026.
type genSpec struct {
	Branch  string
	Members int
	Seed    uint64
	Deduct  bool   // 基础分计分方式 扣减制
	Days    int    // 公示天数 (0 = default)
	Q1Start string // 第一季度公示日期 ("" = default)
	Decided bool   // 年度等次已确定
	Markers bool   // plant a marker in every confidential column
	// Edit, when set, may change a sheet's rows (headers first) before the
	// workbook is written: a later version of the same register.
	Edit func(sheet string, rows [][]any) [][]any
}

// secret is the marker planted in confidential column col; nothing that
// leaves the workbook may contain it.
func secret(col string) string { return "机密" + col + "XJ7Q" }

// secretColumns are the confidential columns of SPEC §2 plus an unknown one
// and the committee-only exemption fields (SPEC §2.3: only the fact of the
// exemption may appear in any output).
var secretColumns = []string{"身份证号", "联系电话", "出生日期", "家庭住址", "不纳入原因", "备案情况", "备注（内部）", "举报人", "提出人", "自定义内部列"}

// genRegister writes a plausible register of spec into data/2026/登记簿.xlsx
// under dir: every quarter, deductions, objections, 民主评议 and (when
// Decided) decided grades. The same spec gives the same workbook.
func genRegister(t testing.TB, dir string, spec genSpec) {
	t.Helper()
	r := rand.New(rand.NewPCG(spec.Seed, 11))
	mark := func(col string) string {
		if spec.Markers {
			return secret(col)
		}
		return ""
	}
	mode := "累加制"
	b1, b2 := 10, 5
	if spec.Deduct {
		mode, b1, b2 = "扣减制", -10, -5
	}
	settings := [][]any{{"项目", "值"}, {"支部名称", spec.Branch}, {"年度", 2026}, {"上级党组织", "中共测试市直属机关工作委员会"},
		{"基础分计分方式", mode}, {"异议受理", "支部办公室"}}
	if spec.Days > 0 {
		settings = append(settings, []any{"公示天数", spec.Days})
	}
	if spec.Q1Start != "" {
		settings = append(settings, []any{"第一季度公示日期", spec.Q1Start})
	}
	if spec.Decided {
		settings = append(settings, []any{"年度等次已确定", "是"})
	}
	rubric := [][]any{{"编码", "类别", "项目", "分值", "季度上限"},
		{"B1", "基础", "参加组织生活", b1, ""}, {"B2", "基础", "按时交纳党费", b2, ""},
		{"R1", "奖励", "志愿服务", 2, 6}, {"R2", "奖励", "获得表彰", 5, ""},
		{"K1", "扣分", "无故缺席组织生活", 5, ""}}
	roster := [][]any{{"编号", "姓名", "类别", "党小组", "不纳入积分管理", "不纳入原因", "备案情况", "身份证号", "联系电话", "出生日期", "家庭住址", "自定义内部列"}}
	entries := [][]any{{"活动日期", "编号", "项目编码", "次数", "事由", "备注（内部）"}}
	deductions := [][]any{{"认定日期", "编号", "项目编码", "事由", "来源", "依据", "举报人", "备注（内部）"}}
	evals := [][]any{{"编号", "评议得分", "承诺践诺得分"}}
	objections := [][]any{{"受理日期", "季度", "编号", "异议事项", "提出人", "调查结果", "处理结果", "反馈日期", "状态"}}
	surnames := []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗")
	given := []rune("建国晓燕明华丽军伟芳强敏静磊洋艳勇杰娟涛超秀兰霞")
	for i := 1; i <= spec.Members; i++ {
		id := fmt.Sprintf("G%03d", i)
		name := string(surnames[r.IntN(len(surnames))]) + string(given[r.IntN(len(given))]) + string(given[r.IntN(len(given))])
		cat := "正式党员"
		switch {
		case i%9 == 0:
			cat = "预备党员"
		case i%13 == 0:
			cat = "入党积极分子"
		}
		exempt, why := "", ""
		if i == spec.Members && spec.Members > 5 {
			exempt, why = "是", mark("不纳入原因")
			if why == "" {
				why = "长期外地居住"
			}
		}
		roster = append(roster, []any{id, name, cat, "第" + string([]rune("一二三")[i%3]) + "党小组", exempt, why, mark("备案情况"),
			mark("身份证号"), mark("联系电话"), mark("出生日期"), mark("家庭住址"), mark("自定义内部列")})
		if exempt != "" {
			continue
		}
		for q := 1; q <= 4; q++ {
			month := 3*q - 2 + r.IntN(3)
			day := 1 + r.IntN(28)
			date := fmt.Sprintf("2026-%02d-%02d", month, day)
			if spec.Deduct {
				if n := r.IntN(3); n > 0 {
					entries = append(entries, []any{date, id, "B1", n, "缺席组织生活", mark("备注（内部）")})
				}
			} else {
				entries = append(entries, []any{date, id, "B1", 5 + r.IntN(4), "参加组织生活", mark("备注（内部）")},
					[]any{date, id, "B2", 1, "交纳党费", ""})
			}
			if n := r.IntN(4); n > 0 {
				entries = append(entries, []any{date, id, "R1", n, "社区志愿服务", ""})
			}
			if r.IntN(7) == 0 {
				entries = append(entries, []any{date, id, "R2", 1, "获得表彰", ""})
			}
			if r.IntN(6) == 0 || (i%11 == 0 && q <= 3) {
				deductions = append(deductions, []any{date, id, "K1", "无故缺席支部党员大会", "群众举报", "支委会纪要" + strconv.Itoa(q), mark("举报人"), mark("备注（内部）")})
			}
		}
		if cat != "入党积极分子" {
			evals = append(evals, []any{id, 60 + r.IntN(41), 60 + r.IntN(41)})
		}
	}
	objections = append(objections,
		[]any{"2026-04-03", 1, "G001", "基础积分漏记一次", mark("提出人"), "核实后补记", "更正", "2026-04-05", "已反馈"},
		[]any{"2026-07-02", 2, "G002", "奖励积分有误", mark("提出人"), "经核实无误", "维持", "2026-07-04", "已反馈"},
		[]any{"2026-10-03", 3, "G003", "扣分依据不清", mark("提出人"), "", "", "", "受理中"})
	sheets := []struct {
		name string
		rows [][]any
	}{{"设置", settings}, {"考核项目", rubric}, {"党员名册", roster}, {"日常登记", entries},
		{"违规扣分", deductions}, {"民主评议", evals}, {"异议处理", objections}}
	if spec.Edit != nil {
		for i := range sheets {
			sheets[i].rows = spec.Edit(sheets[i].name, sheets[i].rows)
		}
	}
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			f.SetSheetName("Sheet1", s.name)
		} else if _, err := f.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		for j, row := range s.rows {
			cell, _ := excelize.CoordinatesToCellName(1, j+1)
			if err := f.SetSheetRow(s.name, cell, &row); err != nil {
				t.Fatal(err)
			}
		}
	}
	path := filepath.Join(dir, "data", "2026", "登记簿.xlsx")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}
