package load

import (
	"testing"

	"github.com/jifen-dev/jifen/internal/model"
)

// TestGuards: the silent changes of issue 19, each now said in Chinese
// with what to do — exact messages at exact places.
func TestGuards(t *testing.T) {
	gridRows := func(title string, date string) wsheet {
		return wsheet{name: title, rows: [][]any{
			{"2026年第三季度组织生活签到表"},
			{"活动日期", nil, date},
			{"项目编码", nil, "B1"},
			{"编号", "姓名", "支部党员大会"},
			{"D001", "张三", "√"},
		}}
	}
	tests := []struct {
		name   string
		files  []File // besides the base register
		sheets []wsheet
		want   []string
	}{
		{name: "a renamed 日常登记", sheets: []wsheet{
			sh("登记明细", entryHeader, []any{"2026-03-05", "D001", nil, "B1"}),
		}, want: []string{
			"error data/2026/登记.xlsx:登记明细: 工作表「登记明细」的表头是日常登记，但名称不以「日常登记」开头，未读取：请改名为「日常登记-登记明细」",
		}},
		{name: "a renamed 签到表", sheets: []wsheet{gridRows("第三季度签到表", "2026-07-08")}, want: []string{
			"error data/2026/登记.xlsx:第三季度签到表: 工作表「第三季度签到表」的表头是签到表，但名称不以「签到表」开头，未读取：请改名为「签到表-第三季度」",
		}},
		{name: "a renamed rubric under a title row", sheets: []wsheet{{name: "2026考核办法", rows: [][]any{
			{"2026年考核办法项目表"}, {"编码", "类别", "项目", "分值", "说明"}, {"B9", "基础", "参加党课", 5}}},
		}, want: []string{
			"error data/2026/登记.xlsx:2026考核办法: 工作表「2026考核办法」的表头是考核项目，但名称不以「考核项目」开头，未读取：请改名为「考核项目-2026考核办法」",
		}},
		{name: "a renamed 异议处理 and 民主评议", sheets: []wsheet{
			sh("公示异议", objHeader, []any{"2026-04-02", "一季度", "D001", nil, "分数有误"}),
			sh("评议结果", evalHeader, []any{"D001", nil, 90, nil, nil, nil, nil, 90}),
		}, want: []string{
			"error data/2026/登记.xlsx:公示异议: 工作表「公示异议」的表头是异议处理，但名称不以「异议处理」开头，未读取：请改名为「异议处理-公示异议」",
			"error data/2026/登记.xlsx:评议结果: 工作表「评议结果」的表头是民主评议，但名称不以「民主评议」开头，未读取：请改名为「民主评议-评议结果」",
		}},
		{name: "other sheets stay a note", sheets: []wsheet{
			{name: "说明", rows: [][]any{{"本工作簿用于登记"}, {"编号", "说明"}}},
			{name: "草稿", rows: [][]any{{"活动日期", "项目编码"}, {"2026-03-05", "B1"}}}, // no member column
		}, want: []string{
			"info data/2026/登记.xlsx:草稿: 工作表「草稿」不属于任何登记类型，已忽略",
			"info data/2026/登记.xlsx:说明: 工作表「说明」不属于任何登记类型，已忽略",
		}},
		{name: "a copied register: one error, no cascade", files: []File{
			{Path: "data/2026/基础 - 副本.xlsx"}, // filled in below: the base register again
		}, want: []string{
			"error data/2026/基础 - 副本.xlsx: 「基础 - 副本.xlsx」和「基础.xlsx」都有「设置」工作表：一个年度文件夹只能放一份登记簿，这一份多半是复制出来的副本，未读取。请把它移出 data/2026 文件夹（需要保留的话，放到别处备份）；如确是登记簿的一部分，请删去其中的「设置」工作表",
		}},
		{name: "a WPS copy named (1)", files: []File{{Path: "data/2026/基础(1).xlsx"}}, want: []string{
			"error data/2026/基础(1).xlsx: 「基础(1).xlsx」和「基础.xlsx」都有「设置」工作表：一个年度文件夹只能放一份登记簿，这一份多半是复制出来的副本，未读取。请把它移出 data/2026 文件夹（需要保留的话，放到别处备份）；如确是登记簿的一部分，请删去其中的「设置」工作表",
		}},
		{name: "a quarter-named 日常登记 with another quarter's date", sheets: []wsheet{
			sh("日常登记（一季度）", entryHeader,
				[]any{"2026-03-05", "D001", nil, "B1"},
				[]any{"2026-04-05", "D002", nil, "B1"}),
			sh("日常登记-Q2", entryHeader, []any{"2026-05-05", "D001", nil, "B1"}),
			sh("日常登记（一二季度）", entryHeader, []any{"2026-05-05", "D002", nil, "B1"}), // names two: no check
		}, want: []string{
			"warning data/2026/登记.xlsx:日常登记（一季度）!A3: 活动日期 2026-04-05 属于第二季度，但工作表「日常登记（一季度）」是第一季度的：日期是否填错了？这一行按第二季度计分",
		}},
		{name: "a quarter-named 签到表 with another quarter's date", sheets: []wsheet{
			gridRows("签到表-第三季度", "2026-10-08"),
		}, want: []string{
			"warning data/2026/登记.xlsx:签到表-第三季度!C4: 活动「支部党员大会」的日期 2026-10-08 属于第四季度，但签到表「签到表-第三季度」是第三季度的：日期是否填错了？这一列按第四季度计分",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := []File{baseBook(t)}
			for _, f := range tt.files {
				f.Book = baseBook(t).Book
				files = append(files, f)
			}
			if len(tt.sheets) > 0 {
				files = append(files, File{Path: reg, Book: memBook(t, tt.sheets...)})
			}
			y, fs := ParseYear(2026, "data/2026", files)
			fs.Sort()
			diff(t, lines(fs), tt.want)
			if len(tt.files) > 0 && len(y.Members) != 7 {
				t.Errorf("members = %d, want the register's 7 read once", len(y.Members))
			}
		})
	}
}

func TestQuarterOfName(t *testing.T) {
	for name, want := range map[string]int{
		"日常登记（一季度）": 1, "日常登记-第二季度": 2, "签到表 第3季度": 3, "签到表Q4": 4, "日常登记-q1": 1, "2026Q2签到": 2,
		"签到表（三季度补）": 3, "日常登记（一二季度）": 0, "签到表-上半年": 0, "日常登记": 0, "日常登记-第一、二季度": 0,
		"签到表-第一季度（补第二季度）": 0, "FAQ1": 0, "日常登记-Q12": 0,
	} {
		if got := quarterOfName(name); got != want {
			t.Errorf("quarterOfName(%q) = %d, want %d", name, got, want)
		}
	}
}

func TestRenamed(t *testing.T) {
	for _, tc := range []struct {
		k          model.Kind
		name, want string
	}{
		{model.KindGrid, "第三季度签到表", "签到表-第三季度"},
		{model.KindEntries, "登记明细", "日常登记-登记明细"},
		{model.KindGrid, "签 到 表", "签到表-签 到 表"},
		{model.KindRoster, "党员名册", "党员名册"},
	} {
		if got := renamed(tc.k, tc.name); got != tc.want {
			t.Errorf("renamed(%s, %q) = %q, want %q", tc.k, tc.name, got, tc.want)
		}
	}
}
