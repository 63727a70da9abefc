package pipeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/jifen-dev/jifen/internal/archive"
	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/pdf"
)

// PostConfig is one `jifen post` (SPEC §11): record that a period's notice
// was put up on the bulletin board.
type PostConfig struct {
	Data   string
	Year   int
	Period int       // 1–4; 0 = the annual 公示
	Date   time.Time // the day it went up (civil day); zero = AsOf
	AsOf   time.Time // decides closed periods as for a build; zero = today
	Clock  func() time.Time
	Cache  *Cache // parsed workbooks kept between posts; nil = none. Never a watcher's: one build at a time
}

// PostResult is what Post did. Exactly one of Written, Unchanged and
// Refusal says so.
type PostResult struct {
	Findings  model.Findings // the register's, as check finds them (sorted)
	Label     string         // the period and kind: 2026年第一季度公示
	Date      time.Time      // the posting day: Date, else AsOf, else today
	Kind      model.PostKind // what was archived, or would have been
	Written   []string       // the files written, PDF first
	Unchanged *model.Record  // the figures are as last posted (this record): nothing written
	Refusal   string         // why nothing was written, in Chinese; the errors are in Findings
	Changes   []model.Change // a 更正公示's changes
	Notes     []string       // advice that does not stop the posting
}

// ParsePeriod reads a period as `jifen post` takes it: 2026Q1, 2026-Q1,
// 2026年第一季度 (or 2026年第1季度, 2026年一季度), and 2026 or 2026年度 for
// the annual 公示. q is 0 for the year.
func ParsePeriod(s string) (year, q int, err error) {
	m := periodPattern.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return 0, 0, fmt.Errorf("期间「%s」无效：请写成 2026Q1、2026-Q1、2026年第一季度，年度评定结果公示写 2026", model.Quote(s))
	}
	year, _ = strconv.Atoi(m[1])
	switch qs := m[2] + m[3]; qs {
	case "":
	case "1", "一":
		q = 1
	case "2", "二":
		q = 2
	case "3", "三":
		q = 3
	case "4", "四":
		q = 4
	}
	if year < 2000 || year > 2999 {
		return 0, 0, fmt.Errorf("期间「%s」的年度无效", model.Quote(s))
	}
	return year, q, nil
}

var periodPattern = regexp.MustCompile(`^([0-9]{4})(?:-?[Qq]([1-4])|年第?([1-4一二三四])季度|年度?)?$`)

// PeriodArg writes a period as `jifen post` takes it: 2026Q1, or 2026.
func PeriodArg(year, q int) string {
	if q == 0 {
		return strconv.Itoa(year)
	}
	return fmt.Sprintf("%dQ%d", year, q)
}

// Post records the posting of a period exactly as SPEC §11 says, and is
// what both `jifen post` and the preview's 「记录张贴」 run. It reads and
// checks the register as a build does and refuses when it has errors; it
// archives the period's 公示 when nothing is recorded yet, or its 更正公示
// when the figures changed since the latest record and every change is
// explained, and writes nothing when they did not change. The PDF is made
// exactly as the build makes it, so the archive holds what the board shows.
// The error is for internal failures; everything the committee must act on
// is in the result.
func Post(ctx context.Context, cfg PostConfig) (PostResult, error) {
	clock := cfg.Clock
	if clock == nil {
		clock = time.Now
	}
	now := clock()
	today := model.NewDate(now.Year(), now.Month(), now.Day())
	asOf := cfg.AsOf
	if asOf.IsZero() {
		asOf = today
	}
	date := cfg.Date
	if date.IsZero() {
		date = asOf
	}
	q, y := cfg.Period, cfg.Year
	res := PostResult{Label: postLabel(y, q, model.PostNotice), Date: date}
	closing := model.QuarterEnd(y, 4)
	if q > 0 {
		closing = model.QuarterEnd(y, q)
	}
	switch {
	case date.After(today):
		res.Refusal = fmt.Sprintf("张贴日期 %s 晚于今天（%s）：请写实际张贴的日期", model.DateString(date), model.DateString(today))
		return res, nil
	case date.After(asOf):
		res.Refusal = fmt.Sprintf("张贴日期 %s 晚于 --as-of %s", model.DateString(date), model.DateString(asOf))
		return res, nil
	case !date.After(closing):
		res.Refusal = fmt.Sprintf("张贴日期 %s 不在%s结束（%s）之后：公示只能在季度（年度）结束后张贴", model.DateString(date),
			model.PeriodLabel(y, q), model.DateCN(closing))
		return res, nil
	}

	bcfg := Config{Data: cfg.Data, AsOf: asOf, Cache: cfg.Cache}
	var rep Report
	reg, results, err := readAndScore(bcfg, asOf, &rep)
	if err != nil {
		return res, err
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	rep.Findings.Sort()
	res.Findings = rep.Findings
	if rep.Findings.HasErrors() {
		res.Refusal = fmt.Sprintf("登记簿有 %d 个错误，未记录张贴：请先改正下列错误", rep.Findings.Count(model.Error))
		return res, nil
	}
	var r *model.Result
	for _, x := range results {
		if x.Year.Year == y {
			r = x
		}
	}
	switch {
	case r == nil:
		res.Refusal = fmt.Sprintf("数据目录中没有 %d 年度的登记簿（或名册为空）", y)
		return res, nil
	case q == 0 && !r.Year.Settings.GradesDecided:
		res.Refusal = fmt.Sprintf("%d年度的等次尚未确定（设置「年度等次已确定」为否），还没有年度评定结果公示可以张贴", y)
		return res, nil
	}
	dir := filepath.FromSlash(r.Year.Dir)
	chain, _ := archive.Read(dir, y) // its findings are in rep already
	for _, rec := range chain {
		if rec.Period == q && rec.Posted.After(date) {
			res.Refusal = fmt.Sprintf("公示存档中已有%s张贴的记录「%s」，晚于张贴日期 %s：已记录的张贴不能改在它之前", model.DateCN(rec.Posted), rec.Name, model.DateString(date))
			return res, nil
		}
	}

	pub := r.Pub(q)
	font, _ := documentFont(cfg.Data, reg, results)
	o := pdf.Options{Now: now, Font: font, Compress: true}
	rec := &model.Record{Branch: r.Year.Settings.Branch, Year: y, Period: q, Posted: date,
		RecordedAt: now, Previous: archive.Head(chain), Members: archive.Published(r, q)}
	var doc bytes.Buffer
	switch latest := pub.Latest(); {
	case latest == nil:
		rec.Kind = model.PostNotice
		if q > 0 {
			rec.Start, rec.End = r.Year.Settings.Publication(q)
			_, err = pdf.QuarterNotice(&doc, r, q, o)
		} else {
			rec.Start, rec.End = r.Year.AnnualPublication()
			_, err = pdf.AnnualNotice(&doc, r, o)
		}
	case len(pub.Pending) == 0:
		res.Unchanged = latest
		return res, nil
	default:
		rec.Kind = model.PostCorrection
		rec.Changes = pub.Pending
		rec.Start, rec.End = pub.CorrectionStart, pub.CorrectionEnd
		_, err = pdf.CorrectionNotice(&doc, r, q, o)
	}
	if err != nil {
		return res, fmt.Errorf("render %s: %w", model.PeriodLabel(y, q), err)
	}
	res.Kind, res.Label, res.Changes = rec.Kind, postLabel(y, q, rec.Kind), rec.Changes
	if !date.Equal(rec.Start) {
		res.Notes = append(res.Notes, fmt.Sprintf("%s上写的公示时间是%s至%s，记录的张贴日期是%s：如张贴日期有误，公示存档中的记录不能修改，请在张贴时核对",
			res.Label, model.DateCN(rec.Start), model.DateCN(rec.End), model.DateCN(date)))
	}
	rec.Name = archive.FreeName(dir, y, q, rec.Kind, date)
	written, err := archive.Write(dir, rec, doc.Bytes())
	res.Written = written
	var exists *archive.ExistsError
	if errors.As(err, &exists) {
		res.Refusal = exists.Error()
		return res, nil
	}
	return res, err
}

// postLabel names what a post archives: 2026年第一季度公示, 2026年度评定结果更正公示.
func postLabel(year, q int, kind model.PostKind) string {
	if q == 0 {
		return model.PeriodLabel(year, 0) + "评定结果" + string(kind)
	}
	return model.PeriodLabel(year, q) + string(kind)
}

// PostAt records a posting as it happened on its own day: as of that day,
// with the clock at 9:00 China time that day. It replays a history of
// postings (the demo register, tests); a refusal is an error, with the
// register's errors.
func PostAt(ctx context.Context, data string, year, q int, date time.Time, cache *Cache) error {
	at := time.Date(date.Year(), date.Month(), date.Day(), 9, 0, 0, 0, time.FixedZone("CST", 8*3600))
	res, err := Post(ctx, PostConfig{Data: data, Year: year, Period: q, Date: date, AsOf: date,
		Clock: func() time.Time { return at }, Cache: cache})
	if err != nil {
		return err
	}
	if res.Refusal != "" {
		var errs []string
		for _, f := range res.Findings {
			if f.Level == model.Error {
				errs = append(errs, f.String())
			}
		}
		return fmt.Errorf("%s %s", res.Refusal, strings.Join(errs, "; "))
	}
	return nil
}
