package load

import (
	"path"
	"regexp"
	"strings"

	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/sheet"
)

// Guards against the silent changes of issue 19: office habits that would
// make rows vanish or move between quarters without a word — a register
// sheet renamed so its name no longer starts with its kind, a register
// copied in Explorer (「…- 副本.xlsx」) into the same folder, a sheet named
// for one quarter holding another quarter's date. Each says in Chinese what
// to do. (An empty closed quarter is score's: only it knows which quarters
// are closed.)

// unknownSheet reports a sheet whose name matches no kind (SPEC §2): an
// informational line, unless its header row holds every required header of
// a kind — then its rows would silently vanish from the scores, and it is
// an error naming the kind and the name to give it.
func (yl *yearLoader) unknownSheet(pos model.Pos, s *sheet.Sheet) {
	k, ok := lookalike(s)
	if !ok {
		yl.fs.Infof(pos, "工作表「%s」不属于任何登记类型，已忽略", s.Name)
		return
	}
	yl.fs.Errorf(pos, "工作表「%s」的表头是%s，但名称不以「%s」开头，未读取：请改名为「%s」", s.Name, k, k, renamed(k, s.Name))
}

// lookalike finds the kind whose required headers a row within the first
// headerRows holds — the most specific one when several do (考核项目's
// 编码 类别 项目 分值 over 设置's 项目 值). A 签到表 is recognised by its
// 活动日期 and 项目编码 label rows above a row holding 编号 or 姓名.
func lookalike(s *sheet.Sheet) (model.Kind, bool) {
	var best model.Kind
	bestN := 0
	labels := map[string]bool{}
	for i := 0; i < len(s.Rows) && i < headerRows; i++ {
		keys := map[string]bool{}
		for _, c := range s.Rows[i] {
			if k := HeaderKey(c); k != "" {
				keys[k] = true
			}
		}
		member := keys[model.ColID] || keys[model.ColName]
		if member && labels[model.GridDate.Header] && labels[model.GridItem.Header] && bestN == 0 {
			return model.KindGrid, true
		}
		for _, k := range model.Kinds {
			if k == model.KindGrid {
				continue // no header row of fixed columns: recognised above
			}
			sc := k.Schema()
			n, all := 0, true
			for _, c := range sc.Columns {
				if c.Required {
					n++
					all = all && keys[HeaderKey(c.Header)]
				}
			}
			if sc.ID != nil {
				n++
				all = all && (keys[HeaderKey(sc.ID.Header)] || keys[HeaderKey(sc.Name.Header)])
			}
			if all && n > bestN {
				best, bestN = k, n
			}
		}
		for k := range keys {
			labels[k] = true
		}
	}
	return best, bestN > 0
}

// renamed is the name a misnamed sheet should have: its kind, a dash, and
// what its name says besides the kind (第三季度签到表 → 签到表-第三季度,
// 登记明细 → 日常登记-登记明细).
func renamed(k model.Kind, name string) string {
	rest := strings.Trim(strings.ReplaceAll(strings.TrimSpace(name), string(k), ""), " -_－—()（）")
	if rest == "" {
		return string(k)
	}
	return string(k) + "-" + rest
}

// copyMarks are what Explorer, WPS and people add to a copied workbook's
// name: 「登记簿 - 副本.xlsx」, 「登记簿(1).xlsx」, 「登记簿备份.xlsx」,
// 「Copy of 登记簿.xlsx」.
var copyMarks = regexp.MustCompile(`(?i)副本|备份|拷贝|复制|copy|[(（]\d+[)）]|\bbak\b|\bold\b|旧`)

// dropCopies finds the workbooks of a year folder that hold a 设置 sheet
// (SPEC §2: two such are almost always a copy of the register) and keeps
// one: the one whose name does not look like a copy, else the first by
// name. The others are not read at all — their rows would otherwise cause
// a duplicate-编号 and -编码 error for every member and item, the real
// cause last — and one error at each names both files and says to move the
// copy out of the folder.
func dropCopies(files []File, fs *model.Findings) []File {
	var with []int
	for i, f := range files {
		if f.Book != nil && hasSettings(f.Book) {
			with = append(with, i)
		}
	}
	if len(with) < 2 {
		return files
	}
	keep := with[0]
	for _, i := range with {
		if !copyMarks.MatchString(base(files[i].Path)) {
			keep = i
			break
		}
	}
	drop := map[int]bool{}
	for _, i := range with {
		if i == keep {
			continue
		}
		drop[i] = true
		dir := path.Dir(files[i].Path)
		fs.Errorf(model.Pos{File: files[i].Path},
			"「%s」和「%s」都有「设置」工作表：一个年度文件夹只能放一份登记簿，这一份多半是复制出来的副本，未读取。请把它移出 %s 文件夹（需要保留的话，放到别处备份）；如确是登记簿的一部分，请删去其中的「设置」工作表",
			base(files[i].Path), base(files[keep].Path), dir)
	}
	out := make([]File, 0, len(files)-len(drop))
	for i, f := range files {
		if !drop[i] {
			out = append(out, f)
		}
	}
	return out
}

func base(p string) string { return path.Base(p) }

// hasSettings reports a visible 设置 sheet in a workbook.
func hasSettings(b *sheet.Book) bool {
	for _, s := range b.Sheets {
		if k, ok := model.KindOf(s.Name); ok && k == model.KindSettings && !s.Hidden && !s.Helper {
			return true
		}
	}
	return false
}

// quarterOfName reads the quarter a sheet's name names — 第一季度, 一季度,
// 第1季度, Q1 — or 0 when it names none or several (一二季度, 第一、二季度,
// 上半年).
func quarterOfName(name string) int {
	q := 0
	for _, m := range quarterNames.FindAllStringSubmatch(name, -1) {
		run := m[1] + m[2]
		digits := 0
		for _, r := range run {
			n, ok := quarterDigits[r]
			if !ok {
				continue // a separator: 一、二
			}
			digits++
			if q != 0 && q != n || digits > 1 {
				return 0
			}
			q = n
		}
	}
	return q
}

var (
	quarterNames  = regexp.MustCompile(`(?i)((?:[一二三四1-4][、，,和及与至～~\-]?)+)季|(?:^|[^a-z])q([1-4]+)(?:[^0-9]|$)`)
	quarterDigits = map[rune]int{'一': 1, '二': 2, '三': 3, '四': 4, '1': 1, '2': 2, '3': 3, '4': 4}
)

// quarterNamed warns of a 日常登记 row or a 签到表 activity dated in another
// quarter than its sheet's name says (SPEC §3): one mistyped date silently
// moves points between quarters, a posted one among them.
func (yl *yearLoader) quarterNamed() {
	dateCol := map[string]int{} // file|sheet → the 活动日期 column
	for _, t := range yl.tables[model.KindEntries] {
		dateCol[t.file+"|"+t.sheet] = t.col(model.EntryDate)
	}
	for _, e := range yl.y.Entries {
		if e.Mark != model.NoMark {
			continue // a 签到表 mark: its activity is checked below
		}
		if q := quarterOfName(e.Pos.Sheet); q > 0 && e.Date.Year() == yl.year && model.QuarterOf(e.Date) != q {
			at := e.Pos
			at.Col = dateCol[e.Pos.File+"|"+e.Pos.Sheet]
			yl.fs.Warnf(at, "活动日期 %s 属于%s，但工作表「%s」是%s的：日期是否填错了？这一行按%s计分",
				model.DateString(e.Date), model.QuarterLabel(model.QuarterOf(e.Date)), e.Pos.Sheet, model.QuarterLabel(q), model.QuarterLabel(model.QuarterOf(e.Date)))
		}
	}
	for _, a := range yl.y.Activities {
		if q := quarterOfName(a.Pos.Sheet); q > 0 && a.Date.Year() == yl.year && model.QuarterOf(a.Date) != q {
			yl.fs.Warnf(a.Pos, "活动「%s」的日期 %s 属于%s，但签到表「%s」是%s的：日期是否填错了？这一列按%s计分",
				a.Name, model.DateString(a.Date), model.QuarterLabel(model.QuarterOf(a.Date)), a.Pos.Sheet, model.QuarterLabel(q), model.QuarterLabel(model.QuarterOf(a.Date)))
		}
	}
}
