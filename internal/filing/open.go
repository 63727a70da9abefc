package filing

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jifen-dev/jifen/internal/model"
)

// Size limits that keep a hostile or broken zip from exhausting memory:
// summary.json of a 机关党委 of 20,000 members is about 5 MB.
const (
	maxJSON = 64 << 20
	maxFile = 256 << 20 // a document, extracted to disk by the superior's summary
	// maxRatio bounds how much an entry may inflate: jifen stores its PDFs
	// as they are and deflates JSON about tenfold, while a zip bomb packs
	// 256 MB of zeros into 250 KB (a ratio of 1000) to be hashed and
	// written out at the superior's.
	maxRatio = 100
)

// MaxFigure bounds every figure of summary.json in points: far above any
// branch's scale (基础分上限 is typically 80 or 100), and low enough that
// the sum of 100,000 members' figures stays exact in an int64 of
// hundredths.
const MaxFigure = 100000

// Dates and years a bundle may carry: a jifen of this century. A date
// beyond 2099 is a typo or a forgery, and would sort, print and be stored
// in spreadsheets wrongly.
const (
	MinYear = 2000
	MaxYear = 2099
)

// Bundle is a verified bundle.
type Bundle struct {
	Summary *Summary
	// Rules is the 细则 bundle's rules.json (RulesFile); such a bundle has
	// no Summary, and a period's bundle no Rules.
	Rules *Rules
	// ContentHash is the SHA-256 of manifest.json, which lists the hash of
	// every other file: two bundles with the same ContentHash carry the
	// same content, whatever their file names.
	ContentHash string
	// Records are the period's 公示存档 records the bundle carries, in the
	// order of Summary.Posting.Records, each read back from its file.
	Records []RecordHead
}

// Problem is why a bundle failed verification.
type Problem struct {
	File    string // the file inside the bundle at fault; "" for the bundle as a whole
	Message string // in Chinese, for the superior
	Foreign bool   // the zip is not a jifen bundle at all
	// Claimed is what the bundle says it is, read without trusting it
	// (from its summary.json, else its file name); nil when unknown.
	Claimed *Identity
}

func (p *Problem) Error() string {
	if p.File != "" {
		return p.File + ": " + p.Message
	}
	return p.Message
}

// zipMagic starts a zip's first local header. A file that starts with it
// but does not open is a bundle cut short, not a foreign file.
const zipMagic = "PK\x03\x04"

// LooksLikeZip reports whether r starts like a zip, whatever its name says.
func LooksLikeZip(r io.ReaderAt) bool {
	var h [len(zipMagic)]byte
	n, _ := r.ReadAt(h[:], 0)
	return n == len(h) && string(h[:]) == zipMagic
}

// Open verifies the bundle held in r (size bytes long; name is its file
// name, used only to say what a damaged bundle was). extract, when not nil,
// may return a writer for a document file (notice.pdf …) of size bytes (as
// the manifest says, and as verified) that receives its bytes as they are
// verified; the caller discards them when Open fails. A
// failed verification returns a *Problem; other errors are I/O errors.
func Open(r io.ReaderAt, size int64, name string, extract func(file string, size int64) io.Writer) (*Bundle, error) {
	v := &verifier{name: name, r: r, size: size}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		if LooksLikeZip(r) {
			return nil, v.fail("", false, "zip 文件不完整或已损坏（可能在传送中被截断），无法打开；请支部重新发送")
		}
		return nil, v.fail("", true, "不是 zip 文件，无法作为备案包读取")
	}
	entries := map[string]*zip.File{}
	var order []string
	for _, f := range zr.File {
		if _, dup := entries[f.Name]; dup {
			return nil, v.fail(f.Name, false, "备案包中有两个同名文件，无法判断哪一个有效")
		}
		entries[f.Name] = f
		order = append(order, f.Name)
	}
	v.entries = entries

	mf := entries[ManifestFile]
	if mf == nil {
		if v.claim(); (entries[SummaryFile] != nil || entries[RulesFile] != nil) && v.claimed != nil && v.claimedOurs {
			return nil, v.fail(ManifestFile, false, "缺少 manifest.json，无法校验备案包是否完整")
		}
		for _, n := range order {
			if path.Base(n) == ManifestFile || path.Base(n) == SummaryFile {
				return nil, v.fail("", true, "文件在 zip 的子文件夹中（"+model.Quote(n)+"），不是 jifen 生成的备案包原件；请转发 jifen 生成的 zip 本身，不要解压后重新压缩")
			}
		}
		return nil, v.fail("", true, "zip 中既没有 manifest.json，也没有 summary.json")
	}
	mbytes, err := readAll(mf, maxJSON)
	if err != nil {
		return nil, v.fail(ManifestFile, false, damaged(err))
	}
	var man Manifest
	if err := json.Unmarshal(mbytes, &man); err != nil {
		return nil, v.fail(ManifestFile, false, "无法解析（"+jsonError(err)+"）")
	}
	if man.Format != ManifestFormat {
		return nil, v.fail(ManifestFile, true, fmt.Sprintf("格式「%s」不是 jifen 备案包的清单", model.Quote(man.Format)))
	}
	if man.Version != Version {
		return nil, v.fail(ManifestFile, false, versionMessage(man.Version))
	}

	listed := map[string]bool{ManifestFile: true}
	sums := map[string]string{} // file → its verified SHA-256
	raw := map[string][]byte{}  // the record files, small JSON, kept to be read back
	var rawSize int64
	var summary, rules []byte
	for _, e := range man.Files {
		if e.Name == "" || e.Name != path.Base(e.Name) || e.Name == "." || e.Name == ".." || listed[e.Name] {
			return nil, v.fail(ManifestFile, false, fmt.Sprintf("文件名「%s」无效或重复", model.Quote(e.Name)))
		}
		listed[e.Name] = true
		f := entries[e.Name]
		if f == nil {
			return nil, v.fail(e.Name, false, "缺少该文件（manifest.json 列出了它）")
		}
		if e.Size < 0 || e.Size > maxFile {
			return nil, v.fail(ManifestFile, false, fmt.Sprintf("「%s」的大小 %d 无效", model.Quote(e.Name), e.Size))
		}
		var sink io.Writer = io.Discard
		var buf *bytes.Buffer
		if e.Name == SummaryFile || e.Name == RulesFile {
			if e.Size > maxJSON {
				return nil, v.fail(e.Name, false, "文件过大")
			}
			buf = bytes.NewBuffer(make([]byte, 0, e.Size))
			sink = buf
		} else if recordFilePattern.MatchString(e.Name) && rawSize+e.Size <= maxJSON && len(raw) < MaxRecords {
			// Record files are read back whole, all of them within the
			// bound of one summary.json: a record too many is one
			// readRecords reports as not jifen's.
			rawSize += e.Size
			buf = bytes.NewBuffer(make([]byte, 0, e.Size))
			sink = buf
		} else if extract != nil {
			if w := extract(e.Name, e.Size); w != nil {
				sink = w
			}
		}
		if msg, err := check(f, e, sink); err != nil {
			return nil, err
		} else if msg != "" {
			return nil, v.fail(e.Name, false, msg)
		}
		sums[e.Name] = strings.ToLower(e.SHA256)
		switch {
		case buf == nil:
		case e.Name == SummaryFile:
			summary = buf.Bytes()
		case e.Name == RulesFile:
			rules = buf.Bytes()
		default:
			raw[e.Name] = buf.Bytes()
		}
	}
	for _, n := range order {
		if !listed[n] {
			return nil, v.fail(n, false, "manifest.json 没有列出该文件，备案包被改动过")
		}
	}
	h := sha256.Sum256(mbytes)
	hash := hex.EncodeToString(h[:])
	switch {
	case summary == nil && rules != nil:
		r, msg := decodeRules(rules)
		if msg != "" {
			return nil, v.fail(RulesFile, false, msg)
		}
		if len(man.Files) != 1 {
			return nil, v.fail(ManifestFile, false, "细则备案包只应有 rules.json 和 manifest.json")
		}
		return &Bundle{Rules: r, ContentHash: hash}, nil
	case summary == nil:
		return nil, v.fail(ManifestFile, false, "没有列出 summary.json")
	case rules != nil:
		return nil, v.fail(RulesFile, false, "季度、年度备案包中不应有 rules.json")
	}
	sum, msg := decodeSummary(summary)
	if msg != "" {
		return nil, v.fail(SummaryFile, false, msg)
	}
	for _, d := range sum.Documents.Files() {
		if !listed[d] || d == ManifestFile || d == SummaryFile {
			return nil, v.fail(SummaryFile, false, fmt.Sprintf("列出的文件「%s」不在备案包中", model.Quote(d)))
		}
	}
	heads, file, msg := readRecords(sum, sums, raw)
	if msg != "" {
		return nil, v.fail(file, false, msg)
	}
	return &Bundle{Summary: sum, ContentHash: hash, Records: heads}, nil
}

type verifier struct {
	name        string
	r           io.ReaderAt // the bundle, for a claim when its directory is lost
	size        int64
	entries     map[string]*zip.File
	claimDone   bool
	claimed     *Identity
	claimedOurs bool // summary.json names our format
}

func (v *verifier) fail(file string, foreign bool, msg string) *Problem {
	v.claim()
	// The file may be any name a zip or a manifest holds: bounded and
	// printable, like every value a finding quotes.
	p := &Problem{File: model.Quote(file), Message: msg, Foreign: foreign, Claimed: v.claimed}
	if p.Claimed == nil && !foreign {
		if id, ok := identityFromName(path.Base(strings.ReplaceAll(v.name, `\`, "/"))); ok {
			id.Branch = model.Quote(id.Branch)
			p.Claimed = &id
		}
	}
	return p
}

// claim reads summary.json without trusting it, to say which branch and
// period a bundle that fails verification was meant to be.
// It runs only for a bundle that fails, so a valid one is parsed once.
func (v *verifier) claim() {
	if v.claimDone {
		return
	}
	v.claimDone = true
	var b []byte
	if v.entries == nil {
		// A bundle cut short in transit has lost its central directory,
		// but Write puts summary.json first, so it usually survives.
		if b = firstEntry(v.r, v.size, SummaryFile); b == nil {
			b = firstEntry(v.r, v.size, RulesFile)
		}
	} else {
		f := v.entries[SummaryFile]
		if f == nil {
			f = v.entries[RulesFile]
		}
		if f != nil && f.UncompressedSize64 <= maxJSON {
			rc, err := f.Open()
			if err != nil {
				return
			}
			b, _ = io.ReadAll(io.LimitReader(rc, maxJSON))
			rc.Close()
		}
	}
	if b == nil {
		return
	}
	var id struct {
		Format string `json:"format"`
		Branch string `json:"branch"`
		Year   int    `json:"year"`
		Period string `json:"period"`
	}
	if json.Unmarshal(b, &id) != nil {
		// A damaged or cut-short summary.json still names its branch and
		// period in its first lines, as Write puts them there.
		id.Format = claimText(b, "format")
		id.Branch = claimText(b, "branch")
		id.Period = claimText(b, "period")
		if m := claimYear.FindSubmatch(b); m != nil {
			id.Year, _ = strconv.Atoi(string(m[1]))
		}
	}
	if id.Format == RulesFormat {
		id.Period = PeriodRules // rules.json names no period: it is the year's 细则
	}
	v.claimedOurs = id.Format == Format || id.Format == RulesFormat
	if _, ok := ParsePeriod(id.Period); (ok || id.Period == PeriodRules) && id.Branch != "" && id.Year >= MinYear && id.Year <= MaxYear && v.claimedOurs {
		v.claimed = &Identity{Branch: model.Quote(id.Branch), Year: id.Year, Period: id.Period}
	}
}

// firstEntry reads what it can of the zip's first entry when it is named
// name, from its local header: the way to read a zip whose end is missing.
// nil when the first entry is another file or unreadable.
func firstEntry(r io.ReaderAt, size int64, name string) []byte {
	if r == nil {
		return nil
	}
	var h [30]byte
	if _, err := r.ReadAt(h[:], 0); err != nil || string(h[:4]) != zipMagic {
		return nil
	}
	method := binary.LittleEndian.Uint16(h[8:])
	nameLen := int64(binary.LittleEndian.Uint16(h[26:]))
	extraLen := int64(binary.LittleEndian.Uint16(h[28:]))
	got := make([]byte, nameLen)
	if _, err := r.ReadAt(got, 30); err != nil || string(got) != name {
		return nil
	}
	start := 30 + nameLen + extraLen
	if start >= size {
		return nil
	}
	var data io.Reader = io.NewSectionReader(r, start, size-start)
	switch method {
	case zip.Store:
	case zip.Deflate:
		fr := flate.NewReader(data)
		defer fr.Close()
		data = fr
	default:
		return nil
	}
	// The data may end mid-stream: keep what was read.
	b, _ := io.ReadAll(io.LimitReader(data, maxJSON))
	if len(b) == 0 {
		return nil
	}
	return b
}

var claimYear = regexp.MustCompile(`"year":\s*([0-9]{4})\b`)

// claimText finds "key": "value" in damaged JSON; "" when absent or when
// the value itself is damaged.
func claimText(b []byte, key string) string {
	re := regexp.MustCompile(`"` + key + `":\s*("(?:[^"\\\x00-\x1f]|\\.)*")`)
	m := re.FindSubmatch(b)
	if m == nil {
		return ""
	}
	var s string
	if json.Unmarshal(m[1], &s) != nil || !utf8.ValidString(s) {
		return ""
	}
	return s
}

// check streams one file through its SHA-256 into sink and compares size
// and hash with the manifest. A non-empty message is a verification
// failure; an error is the sink's.
func check(f *zip.File, e ManifestEntry, sink io.Writer) (string, error) {
	if msg := bomb(f); msg != "" {
		return msg, nil
	}
	rc, err := f.Open()
	if err != nil {
		return damaged(err), nil
	}
	defer rc.Close()
	h := sha256.New()
	sw := &sinkWriter{w: sink}
	n, err := io.Copy(io.MultiWriter(h, sw), io.LimitReader(rc, e.Size+1))
	if sw.err != nil {
		return "", sw.err
	}
	if err != nil {
		return damaged(err), nil
	}
	if n != e.Size {
		return fmt.Sprintf("大小为 %d 字节，manifest.json 记录为 %d 字节：文件不完整或被修改过", n, e.Size), nil
	}
	if hex.EncodeToString(h.Sum(nil)) != strings.ToLower(e.SHA256) {
		return "内容与 manifest.json 记录的 SHA-256 不符：文件被修改过或已损坏", nil
	}
	return "", nil
}

// sinkWriter keeps copying into the hash when the sink fails, and reports
// the sink's error separately: a full disk is not a damaged bundle.
type sinkWriter struct {
	w   io.Writer
	err error
}

func (s *sinkWriter) Write(p []byte) (int, error) {
	if s.err == nil {
		if _, err := s.w.Write(p); err != nil {
			s.err = err
		}
	}
	return len(p), nil
}

// bomb says why an entry inflates implausibly, "" when it does not. Go's
// zip reader holds every entry to its declared size, so the declared sizes
// are what it can inflate to.
func bomb(f *zip.File) string {
	if f.UncompressedSize64 > maxRatio*f.CompressedSize64+64<<10 {
		return fmt.Sprintf("压缩比异常（%d 字节压缩成 %d 字节），不是 jifen 生成的", f.UncompressedSize64, f.CompressedSize64)
	}
	return ""
}

func readAll(f *zip.File, limit int64) ([]byte, error) {
	if f.UncompressedSize64 > uint64(limit) || bomb(f) != "" {
		return nil, errTooLarge
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, errTooLarge
	}
	return b, nil
}

var errTooLarge = errors.New("too large")

func damaged(err error) string {
	switch {
	case errors.Is(err, errTooLarge):
		return "文件过大，不像是 jifen 生成的"
	case errors.Is(err, zip.ErrChecksum):
		return "已损坏（zip 校验和不符）"
	case errors.Is(err, zip.ErrAlgorithm):
		return "使用了不支持的压缩方式，不是 jifen 生成的"
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "不完整（文件被截断）"
	}
	var ce flate.CorruptInputError
	if errors.As(err, &ce) {
		return "已损坏（压缩数据有误）"
	}
	return "无法读取（" + err.Error() + "）"
}

func versionMessage(v int) string {
	return fmt.Sprintf("备案包格式版本 %d 不受支持（本程序读取版本 %d）；请使用与支部相同或更新版本的 jifen", v, Version)
}

func jsonError(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("第 %d 字节处格式错误", se.Offset)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("字段「%s」类型不对", te.Field)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return "内容不完整"
	}
	return err.Error()
}

// decodeSummary parses and checks summary.json; msg says what is wrong.
// A valid summary is parsed once; the format and version are looked at on
// their own only when the whole does not fit, so that a later version's
// summary is named as such rather than as malformed.
func decodeSummary(b []byte) (*Summary, string) {
	var s Summary
	err := json.Unmarshal(b, &s)
	if err != nil {
		var head struct {
			Format  string `json:"format"`
			Version int    `json:"version"`
		}
		if json.Unmarshal(b, &head) == nil {
			s.Format, s.Version = head.Format, head.Version
		}
	}
	if err == nil || s.Format != "" {
		if s.Format != Format {
			return nil, fmt.Sprintf("格式「%s」不是 jifen 备案摘要", model.Quote(s.Format))
		}
		if s.Version != Version {
			return nil, versionMessage(s.Version)
		}
	}
	if err != nil {
		return nil, "无法解析（" + jsonError(err) + "）"
	}
	if msg := s.validate(); msg != "" {
		return nil, msg
	}
	return &s, ""
}

// validate checks what the roll-up relies on: a reader must never
// misplace or misread a bundle that passed its manifest. Anyone can write
// a manifest, so a bundle is also held to what jifen's own writer
// guarantees (figures that add up, counts that match the members, dates of
// this century, a period closed when the bundle was made): a value no
// build can produce is a finding, never a figure in the superior's tables.
// Every value quoted is cut and escaped (model.Quote).
func (s *Summary) validate() string {
	if strings.TrimSpace(s.Branch) == "" {
		return "缺少支部名称（branch）"
	}
	if s.Year < MinYear || s.Year > MaxYear {
		return fmt.Sprintf("年度 %d 无效（应在 %d–%d 之间）", s.Year, MinYear, MaxYear)
	}
	q, ok := ParsePeriod(s.Period)
	if !ok {
		return fmt.Sprintf("期间「%s」无效，应为 Q1–Q4 或 年度", model.Quote(s.Period))
	}
	if (q == 0) != (s.Quarter == nil) || (s.Quarter != nil && *s.Quarter != q) {
		return "quarter 与 period 不一致"
	}
	asOf, ok := date(s.AsOf)
	if !ok {
		return fmt.Sprintf("as_of「%s」不是 %d–%d 年间的日期", model.Quote(s.AsOf), MinYear, MaxYear)
	}
	end := model.NewDate(s.Year, time.December, 31)
	if q > 0 {
		end = model.QuarterEnd(s.Year, q)
	}
	if !asOf.After(end) {
		return fmt.Sprintf("as_of %s 不晚于该期结束日 %s：jifen 只为已结束的期间生成备案包", s.AsOf, model.DateString(end))
	}
	start, ok1 := date(s.Publication.Start)
	pend, ok2 := date(s.Publication.End)
	if !ok1 || !ok2 || pend.Before(start) {
		return fmt.Sprintf("公示期「%s 至 %s」无效", model.Quote(s.Publication.Start), model.Quote(s.Publication.End))
	}
	if s.Publication.Days < 0 || s.Publication.Days > 366 {
		return fmt.Sprintf("公示天数 %d 无效", s.Publication.Days)
	}
	if s.Documents.Notice == "" || (q > 0 && s.Documents.Slips == "") || (q == 0 && s.Documents.Register == "") {
		return "documents 缺少公示通知、积分核实单或年度登记表"
	}
	if s.Counts.Participating != len(s.Members) {
		return fmt.Sprintf("counts.participating 为 %d，但 members 有 %d 人", s.Counts.Participating, len(s.Members))
	}
	if q == 0 && s.Grades == nil {
		return "年度备案缺少 grades"
	}
	if v := s.Scoring.ExcellentQuota; v != "" && !fractionOK(string(v)) {
		return fmt.Sprintf("excellent_quota「%s」不是 0 到 1 之间的小数", model.Quote(string(v)))
	}
	var max [3]model.Points // base_max, reward_max, democratic_max
	for i, n := range []json.Number{s.Scoring.BaseMax, s.Scoring.RewardMax, s.Scoring.DemocraticMax} {
		p, err := Points(n)
		if n == "" {
			p, err = MaxFigure*100, nil // absent in a hand-made bundle: no cap to check against
		}
		if err != nil || p < 0 || p > MaxFigure*100 {
			return fmt.Sprintf("计分设置「%s」无效", model.Quote(string(n)))
		}
		max[i] = p
	}
	if msg := s.validateMembers(q, max); msg != "" {
		return msg
	}
	if msg := s.validatePosting(q, asOf); msg != "" {
		return msg
	}
	if msg := s.validatePending(q); msg != "" {
		return msg
	}
	return s.validateCounts(q)
}

// date parses an ISO date of MinYear–MaxYear.
func date(s string) (time.Time, bool) {
	t, err := time.Parse(time.DateOnly, s)
	return t, err == nil && t.Year() >= MinYear && t.Year() <= MaxYear
}

// figure reads a figure that must lie in [lo, hi] hundredths.
func figure(n json.Number, lo, hi model.Points) (model.Points, bool) {
	p, err := Points(n)
	return p, err == nil && p >= lo && p <= hi
}

func (s *Summary) validateMembers(q int, max [3]model.Points) string {
	const top = MaxFigure * 100
	n := len(s.Members)
	rankOK := func(r *int) bool { return r == nil || (*r >= 1 && *r <= n) }
	for i, m := range s.Members {
		if m.ID == "" || m.Name == "" {
			return fmt.Sprintf("members[%d] 缺少编号或姓名", i)
		}
		bad := func(what string, v any) string {
			return fmt.Sprintf("members[%d]（%s）的%s「%s」无效", i, model.Quote(m.ID), what, model.Quote(fmt.Sprint(v)))
		}
		if q > 0 {
			f := m.Quarter
			if f == nil {
				return fmt.Sprintf("members[%d]（%s）缺少季度积分", i, model.Quote(m.ID))
			}
			for _, n := range []json.Number{f.Base, f.Reward, f.Deduction, f.Total} {
				if _, err := Points(n); err != nil {
					return fmt.Sprintf("members[%d]（%s）的积分「%s」不是最多两位小数的数", i, model.Quote(m.ID), model.Quote(string(n)))
				}
			}
			base, ok1 := figure(f.Base, 0, max[0])
			reward, ok2 := figure(f.Reward, 0, max[1])
			ded, ok3 := figure(f.Deduction, 0, top)
			total, _ := Points(f.Total)
			switch {
			case !ok1:
				return bad("基础积分", f.Base)
			case !ok2:
				return bad("奖励积分", f.Reward)
			case !ok3:
				return bad("扣分", f.Deduction)
			case total != base+reward-ded:
				return fmt.Sprintf("members[%d]（%s）的季度积分 %s 不等于 基础 + 奖励 − 扣分", i, model.Quote(m.ID), model.Quote(string(f.Total)))
			case !rankOK(f.Rank):
				return bad("排名", *f.Rank)
			}
			continue
		}
		a := m.Annual
		if a == nil {
			return fmt.Sprintf("members[%d]（%s）缺少年度积分", i, model.Quote(m.ID))
		}
		if _, err := Points(a.DeductionSum); err != nil {
			return fmt.Sprintf("members[%d]（%s）的年度扣分「%s」不是最多两位小数的数", i, model.Quote(m.ID), model.Quote(string(a.DeductionSum)))
		}
		if g := a.FinalGrade; g != nil && !slices.Contains(model.Grades, model.Grade(*g)) {
			return fmt.Sprintf("members[%d]（%s）的确定等次「%s」无效", i, model.Quote(m.ID), model.Quote(*g))
		}
		switch {
		case a.Quarters < 1 || a.Quarters > 4:
			return bad("参加季度数", a.Quarters)
		case !okFigure(a.QuarterAvg, -top, top):
			return bad("季度平均积分", a.QuarterAvg)
		case !okFigure(a.BaseAvg, 0, max[0]):
			return bad("基础积分平均", a.BaseAvg)
		case !okFigure(a.RewardAvg, 0, max[1]):
			return bad("奖励积分平均", a.RewardAvg)
		case !okFigure(a.DeductionSum, 0, top):
			return bad("年度扣分", a.DeductionSum)
		case a.Democratic != nil && !okFigure(*a.Democratic, 0, max[2]):
			return bad("民主评议分", *a.Democratic)
		case a.Total != nil && !okFigure(*a.Total, -top, top):
			return bad("综合得分", *a.Total)
		case !rankOK(a.Rank):
			return bad("排名", *a.Rank)
		}
	}
	return ""
}

func okFigure(n json.Number, lo, hi model.Points) bool { _, ok := figure(n, lo, hi); return ok }

// validateCounts holds the counts to the members they count.
func (s *Summary) validateCounts(q int) string {
	c := s.Counts
	n := len(s.Members)
	deducted := 0
	var grades Grades
	for _, m := range s.Members {
		var d json.Number
		if m.Quarter != nil {
			d = m.Quarter.Deduction
		} else if m.Annual != nil {
			d = m.Annual.DeductionSum
			if g := m.Annual.FinalGrade; g != nil {
				grades.add(model.Grade(*g))
			}
		}
		if p, _ := Points(d); p > 0 {
			deducted++
		}
	}
	within := func(p *int, hi int) bool { return p == nil || (*p >= 0 && *p <= hi) }
	o := s.Objections
	switch {
	case c.Roster < n || c.Exempt < 0 || c.Exempt > c.Roster:
		return fmt.Sprintf("人数不合理：名册 %d 人、不纳入积分管理 %d 人、参加 %d 人", c.Roster, c.Exempt, n)
	case c.WithDeductions != deducted:
		return fmt.Sprintf("counts.with_deductions 为 %d，但 members 中有扣分的是 %d 人", c.WithDeductions, deducted)
	case !within(c.Ranked, n) || !within(c.Graded, n) || !within(c.NoEvaluation, n):
		return "counts 中的排名、评定或未评定人数不合理"
	case o.Received < 0 || o.Corrected < 0 || o.Open < 0 || o.Corrected+o.Open > o.Received:
		return fmt.Sprintf("异议数不合理：受理 %d、更正 %d、未结 %d", o.Received, o.Corrected, o.Open)
	}
	if q > 0 {
		return ""
	}
	g := *s.Grades
	limit := g.ExcellentLimit
	g.ExcellentLimit = 0
	if g != grades || (c.Graded != nil && *c.Graded != g.Excellent+g.Qualified+g.Basic+g.Unqualified) {
		return "grades 与 members 的确定等次不一致"
	}
	if limit < 0 || limit > n {
		return fmt.Sprintf("优秀名额 %d 不合理", limit)
	}
	return ""
}

// fractionOK: a share of summary.json is a plain decimal from 0 to 1 as
// Write writes it (six places at most): no exponent and short, so that no
// reader builds a number of a million digits from "1e1000000".
func fractionOK(v string) bool {
	if len(v) > 16 || strings.ContainsAny(v, "eE") {
		return false
	}
	r, ok := new(big.Rat).SetString(v)
	return ok && r.Sign() >= 0 && r.Cmp(big.NewRat(1, 1)) <= 0
}

// Points reads a figure of summary.json: a decimal with at most two
// places, as the branch's scores are exact in hundredths. Plain decimals
// take a fast path (a 机关党委's summary holds 8,000 of them); anything
// else goes through model.ParsePoints.
func Points(n json.Number) (model.Points, error) {
	s := string(n)
	neg := strings.HasPrefix(s, "-")
	digits := strings.TrimPrefix(s, "-")
	whole, frac, dot := strings.Cut(digits, ".")
	if whole == "" || len(whole) > 13 || len(frac) > 2 || (dot && frac == "") || !allDigits(whole) || !allDigits(frac) {
		return model.ParsePoints(s)
	}
	v := int64(0)
	for _, c := range whole {
		v = v*10 + int64(c-'0')
	}
	for i := range 2 {
		v *= 10
		if i < len(frac) {
			v += int64(frac[i] - '0')
		}
	}
	if neg {
		v = -v
	}
	return model.Points(v), nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
