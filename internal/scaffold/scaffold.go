// Package scaffold writes new registers: the blank templates of `jifen init`,
// the demo register of `jifen init --demo` (SPEC §9) and the next year's
// register of `jifen new-year`. It never overwrites: every target is checked
// before the first byte is written.
package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/workbook"
)

// file is one output: a workbook (Tables) or a text file (Text).
type file struct {
	Path   string // relative to the root, slash-separated
	Tables []workbook.Table
	Text   []byte
}

// Init creates root/data/<year>/ with blank templates or, with demo, the
// demo register (2025 and 2026) and data/pages. It returns the files created.
func Init(root string, year int, demo bool) ([]string, error) {
	var files []file
	if demo {
		files = demoFiles()
	} else {
		if year < 1921 || year > 9999 {
			return nil, fmt.Errorf("年度 %d 无效", year)
		}
		files = templateFiles(year)
	}
	return writeAll(root, files)
}

// writeAll checks that no target exists, then writes every file. If a write
// fails midway the files written so far are removed again.
func writeAll(root string, files []file) ([]string, error) {
	for _, f := range files {
		p := filepath.Join(root, filepath.FromSlash(f.Path))
		if _, err := os.Lstat(p); err == nil {
			return nil, fmt.Errorf("%s 已存在，不会覆盖；请换一个目录或先移走该文件", p)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	var done []string
	undo := func() {
		for _, p := range done {
			os.Remove(p)
		}
	}
	for _, f := range files {
		p := filepath.Join(root, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			undo()
			return nil, err
		}
		var err error
		if f.Tables != nil {
			err = workbook.WriteBook(p, f.Tables)
		} else {
			err = writeNew(p, f.Text)
		}
		if err != nil {
			undo()
			return nil, err
		}
		done = append(done, p)
	}
	return done, nil
}

func writeNew(p string, b []byte) error {
	out, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := out.Write(b); err != nil {
		out.Close()
		os.Remove(p)
		return err
	}
	return out.Close()
}

// headers returns a kind's canonical headers (model.Schema), then extras.
func headers(k model.Kind, extra ...string) []string {
	var h []string
	for _, c := range k.Schema().Columns {
		h = append(h, c.Header)
	}
	return append(h, extra...)
}

// settingNotes explains each 设置 item on the sheet itself.
var settingNotes = map[string]string{
	model.SettingBranch:                "必填：支部全称，如“中共××市××局机关第一党支部”，用于公示和报表落款",
	model.SettingYear:                  "必填：积分周期（公历年度），须与所在文件夹的年份一致",
	model.SettingSuperior:              "报送备案的上级党组织名称",
	model.SettingSecretary:             "用于公示落款和报表签字",
	model.SettingAdministrator:         "负责积分核实、登记和录入的同志（一般为组织委员）",
	model.SettingObjections:            "公示期间反映异议的方式，如“支部办公室（××楼××室），电话××××”，印在公示上",
	model.SettingBaseMax:               "每季度基础积分上限，实施方案为 80 分",
	model.SettingRewardMax:             "每季度奖励积分上限，实施方案为 10 分",
	model.SettingDemocraticMax:         "年度民主评议分满分，实施方案为 10 分",
	model.SettingBaseMode:              "累加制：按参加活动逐项累加，封顶为基础分满分；扣减制：每季度从满分起，基础项目填负分扣减",
	model.SettingPublicationDays:       "季度积分公示天数，不少于 3 天",
	model.SettingLateDays:              "活动后超过此天数登记的为补记录，须由党小组长证明",
	model.SettingClaimCutoff:           "季度末月此日之后的奖励申报计入下一季度（实施方案：季度末 25 日前申报）",
	model.SettingExcellentQuota:        "优秀党员人数占参评人数比例上限，一般不超过 15%",
	model.SettingEvalWeight:            "民主评议得分在民主评议分中的权重，与践诺权重之和为 1",
	model.SettingPromiseWeight:         "承诺践诺得分在民主评议分中的权重",
	model.SettingQuarterPublication[0]: "公示第一天；不填为 4 月 1 日。实施方案要求 4 月 5 日前公示",
	model.SettingQuarterPublication[1]: "公示第一天；不填为 7 月 1 日。实施方案要求 7 月 5 日前公示",
	model.SettingQuarterPublication[2]: "公示第一天；不填为 10 月 1 日。实施方案要求 10 月 5 日前公示",
	model.SettingQuarterPublication[3]: "公示第一天；不填为次年 1 月 1 日。实施方案要求次年 1 月 5 日前公示",
	model.SettingAnnualPublication:     "年度评定结果公示第一天，公示天数同上；不填为等次确定表中最晚的决定日期，没有则为第四季度公示日期",
	model.SettingScheme:                "公示和页面引用的实施方案名称；不填为《党支部党员积分制管理具体实施方案》",
	model.SettingShowRanks:             "是/否：公开页面和公示是否显示排名（排名始终出现在支委会报表中）",
	model.SettingGradesDecided:         "是/否：支部研究确定年度等次后填“是”，公开页面才显示年度等次",
	model.SettingAbsenceItem:           "可不填：填一个扣分项目的编码（如 K01），签到表中基础项目的每个“缺席”另扣该项目分值；请假不扣分",
	model.SettingFontFile:              "可不填：生成 PDF 所用的 TrueType 字体文件路径（相对数据文件夹）",
}

// settingsTable writes 设置 as 项目 | 值 | 说明 (the third column is ignored
// by the reader). Value cells with a fixed vocabulary get a dropdown.
func settingsTable(s model.Settings, title string) workbook.Table {
	vals := map[string]any{
		model.SettingBranch: s.Branch, model.SettingYear: s.Year, model.SettingSuperior: s.Superior, model.SettingSecretary: s.Secretary,
		model.SettingAdministrator: s.Administrator, model.SettingObjections: s.ObjectionContact,
		model.SettingBaseMax: s.BaseMax, model.SettingRewardMax: s.RewardMax, model.SettingDemocraticMax: s.DemocraticMax,
		model.SettingBaseMode: s.BaseMode.String(), model.SettingPublicationDays: s.PublicationDays, model.SettingLateDays: s.LateDays,
		model.SettingClaimCutoff: s.ClaimCutoffDay, model.SettingExcellentQuota: s.QuotaPercent(),
		model.SettingEvalWeight: s.EvalWeight, model.SettingPromiseWeight: s.PromiseWeight,
		model.SettingShowRanks: s.ShowRanks, model.SettingGradesDecided: s.GradesDecided, model.SettingFontFile: s.FontFile,
		model.SettingAnnualPublication: s.AnnualStart,
	}
	if s.Scheme != model.DefaultScheme {
		vals[model.SettingScheme] = s.Scheme
	}
	if s.AbsenceItem != nil {
		vals[model.SettingAbsenceItem] = s.AbsenceItem.Code
	}
	for q := 1; q <= 4; q++ {
		vals[model.SettingQuarterPublication[q-1]] = s.PublicationStart[q-1]
	}
	t := workbook.Table{Sheet: string(model.KindSettings), Title: title,
		Headers:     headers(model.KindSettings, "说明"),
		CellChoices: map[string][]string{},
		Prompts:     map[string]string{"值": "按左侧项目填写；右侧“说明”列解释每一项，程序不读取说明列。"},
	}
	first := 2
	if title != "" {
		first = 3
	}
	for i, st := range model.SettingItems {
		k := st.Key
		t.Rows = append(t.Rows, []any{k, vals[k], settingNotes[k]})
		cell := fmt.Sprintf("B%d", first+i)
		switch k {
		case model.SettingBaseMode:
			t.CellChoices[cell] = model.Texts(model.BaseModes)
		case model.SettingShowRanks, model.SettingGradesDecided:
			t.CellChoices[cell] = []string{model.Yes, model.No}
		}
	}
	t.InputRows = len(t.Rows)
	return t
}

// blankSettings are the template's settings: defaults, publication dates
// left blank so the defaults apply.
func blankSettings(year int) model.Settings {
	s := model.DefaultSettings(year)
	s.PublicationStart = [4]time.Time{}
	return s
}
