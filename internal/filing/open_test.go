package filing

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/jifen-dev/jifen/internal/model"
)

// rezip writes entries in order, as another tool (or a hand) would after
// changing a bundle.
func rezip(t testing.TB, names []string, files map[string][]byte) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(files[n])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// remanifest recomputes manifest.json over the listed files, as someone
// who edits a bundle and knows the format would.
func remanifest(t testing.TB, files map[string][]byte, names ...string) {
	t.Helper()
	m := Manifest{Format: ManifestFormat, Version: Version}
	for _, n := range names {
		h := sha256.Sum256(files[n])
		m.Files = append(m.Files, ManifestEntry{Name: n, Size: int64(len(files[n])), SHA256: hex.EncodeToString(h[:])})
	}
	files[ManifestFile], _ = json.Marshal(m)
}

func editJSON(t testing.TB, b []byte, edit func(map[string]any)) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	edit(m)
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

const bundleName = "中共示例市示例局机关第一党支部-2026-Q1.zip"

func TestOpen(t *testing.T) {
	res := unposted(demo(t)[2026]) // TestOpenRecords opens the records
	var good bytes.Buffer
	docs := Docs{Notice: bytes.Repeat([]byte("%PDF-notice "), 400), Slips: bytes.Repeat([]byte("%PDF-slips "), 900)}
	if err := Write(&good, res, 1, docs); err != nil {
		t.Fatal(err)
	}
	claimed := &Identity{Branch: "中共示例市示例局机关第一党支部", Year: 2026, Period: "Q1"}
	order := []string{SummaryFile, NoticeFile, SlipsFile, ManifestFile}
	files := func() map[string][]byte { _, f := unzip(t, good.Bytes()); return f }

	tests := []struct {
		name    string
		bundle  func() []byte
		file    string // Problem.File; "-" = no problem
		msg     string // a part of the message
		foreign bool
		claimed *Identity
	}{
		{"ok", func() []byte { return good.Bytes() }, "-", "", false, nil},
		{"ok rezipped by another tool", func() []byte { return rezip(t, order, files()) }, "-", "", false, nil},
		{"altered notice", func() []byte {
			f := files()
			f[NoticeFile] = bytes.Clone(f[NoticeFile])
			f[NoticeFile][100] ^= 1
			return rezip(t, order, f)
		}, NoticeFile, "SHA-256 不符", false, claimed},
		{"truncated slips", func() []byte {
			f := files()
			f[SlipsFile] = f[SlipsFile][:len(f[SlipsFile])/2]
			return rezip(t, order, f)
		}, SlipsFile, "文件不完整或被修改过", false, claimed},
		{"missing slips", func() []byte {
			return rezip(t, []string{SummaryFile, NoticeFile, ManifestFile}, files())
		}, SlipsFile, "缺少该文件", false, claimed},
		{"file added", func() []byte {
			f := files()
			f["readme.html"] = []byte("<script>")
			return rezip(t, append(order, "readme.html"), f)
		}, "readme.html", "没有列出该文件", false, claimed},
		{"zip cut short", func() []byte { return good.Bytes()[:good.Len()/2] }, "", "zip 文件不完整或已损坏", false, claimed},
		{"zip cut at the end", func() []byte { return good.Bytes()[:good.Len()-10] }, "", "zip 文件不完整或已损坏", false, claimed},
		{"not a zip", func() []byte { return []byte("这不是压缩文件") }, "", "不是 zip 文件", true, nil},
		{"foreign zip", func() []byte {
			return rezip(t, []string{"报告.docx", "照片.jpg"}, map[string][]byte{"报告.docx": []byte("x"), "照片.jpg": []byte("y")})
		}, "", "没有 manifest.json", true, nil},
		{"unzipped and zipped again in a folder", func() []byte {
			f := files()
			g := map[string][]byte{}
			var names []string
			for _, n := range order {
				names = append(names, "备案/"+n)
				g["备案/"+n] = f[n]
			}
			return rezip(t, names, g)
		}, "", "子文件夹", true, nil},
		{"no manifest", func() []byte {
			return rezip(t, []string{SummaryFile, NoticeFile, SlipsFile}, files())
		}, ManifestFile, "缺少 manifest.json", false, claimed},
		{"foreign manifest", func() []byte {
			f := files()
			f[ManifestFile] = editJSON(t, f[ManifestFile], func(m map[string]any) { m["format"] = "其他软件" })
			return rezip(t, order, f)
		}, ManifestFile, "不是 jifen 备案包的清单", true, claimed},
		{"unknown version", func() []byte {
			f := files()
			f[SummaryFile] = editJSON(t, f[SummaryFile], func(m map[string]any) { m["version"] = 2 })
			remanifest(t, f, SummaryFile, NoticeFile, SlipsFile)
			f[ManifestFile] = editJSON(t, f[ManifestFile], func(m map[string]any) { m["version"] = 2 })
			return rezip(t, order, f)
		}, ManifestFile, "备案包格式版本 2 不受支持", false, claimed},
		{"unknown summary version", func() []byte {
			f := files()
			f[SummaryFile] = editJSON(t, f[SummaryFile], func(m map[string]any) { m["version"] = 3 })
			remanifest(t, f, SummaryFile, NoticeFile, SlipsFile)
			return rezip(t, order, f)
		}, SummaryFile, "备案包格式版本 3 不受支持", false, claimed},
		{"summary edited and remanifested, inconsistent", func() []byte {
			f := files()
			f[SummaryFile] = editJSON(t, f[SummaryFile], func(m map[string]any) { m["members"] = []any{} })
			remanifest(t, f, SummaryFile, NoticeFile, SlipsFile)
			return rezip(t, order, f)
		}, SummaryFile, "counts.participating 为 39，但 members 有 0 人", false, claimed},
		{"summary figure not a 2-decimal number", func() []byte {
			f := files()
			f[SummaryFile] = editJSON(t, f[SummaryFile], func(m map[string]any) {
				m["members"].([]any)[0].(map[string]any)["quarter"].(map[string]any)["total"] = 73.125
			})
			remanifest(t, f, SummaryFile, NoticeFile, SlipsFile)
			return rezip(t, order, f)
		}, SummaryFile, "不是最多两位小数的数", false, claimed},
		{"summary truncated and remanifested", func() []byte {
			f := files()
			f[SummaryFile] = f[SummaryFile][:200]
			remanifest(t, f, SummaryFile, NoticeFile, SlipsFile)
			return rezip(t, order, f)
		}, SummaryFile, "无法解析", false, &Identity{Branch: "中共示例市示例局机关第一党支部", Year: 2026, Period: "Q1"}},
		{"unknown grade", func() []byte {
			b := demoYearBundle(t)
			f := unzipAllT(t, b)
			f[SummaryFile] = editJSON(t, f[SummaryFile], func(m map[string]any) {
				m["members"].([]any)[0].(map[string]any)["annual"].(map[string]any)["final_grade"] = "良好"
			})
			remanifest(t, f, SummaryFile, NoticeFile, RegisterFile)
			return rezip(t, []string{SummaryFile, NoticeFile, RegisterFile, ManifestFile}, f)
		}, SummaryFile, "确定等次「良好」无效", false, &Identity{Branch: "中共示例市示例局机关第一党支部", Year: 2026, Period: "年度"}},
		{"excellent quota with a huge exponent", func() []byte {
			f := files()
			f[SummaryFile] = editJSON(t, f[SummaryFile], func(m map[string]any) {
				m["scoring"].(map[string]any)["excellent_quota"] = json.Number("1e1000000")
			})
			remanifest(t, f, SummaryFile, NoticeFile, SlipsFile)
			return rezip(t, order, f)
		}, SummaryFile, "excellent_quota「1e1000000」不是 0 到 1 之间的小数", false, claimed},
		{"two entries of one name", func() []byte {
			return rezip(t, append(order, NoticeFile), files())
		}, NoticeFile, "两个同名文件", false, claimed},
		// Issue 24: what no jifen writes is a finding, not a figure.
		{"notice inflating a thousandfold", func() []byte {
			f := files()
			f[NoticeFile] = make([]byte, 8<<20)
			remanifest(t, f, SummaryFile, NoticeFile, SlipsFile)
			return rezip(t, order, f)
		}, NoticeFile, "压缩比异常", false, claimed},
		{"a year beyond 2099", edited(t, files, order, func(m map[string]any) { m["year"] = 2100 }), SummaryFile, "年度 2100 无效", false, claimed},
		{"an as-of beyond 2099", edited(t, files, order, func(m map[string]any) { m["as_of"] = "2100-01-01" }), SummaryFile, "as_of「2100-01-01」", false, claimed},
		{"an as-of inside the quarter", edited(t, files, order, func(m map[string]any) { m["as_of"] = "2026-03-31" }), SummaryFile, "不晚于该期结束日", false, claimed},
		{"a 公示 ending in 2100", edited(t, files, order, func(m map[string]any) {
			m["publication"].(map[string]any)["end"] = "2100-01-01"
		}), SummaryFile, "公示期", false, claimed},
		{"a negative roster", edited(t, files, order, func(m map[string]any) { m["counts"].(map[string]any)["exempt"] = -1 }), SummaryFile, "人数不合理", false, claimed},
		{"deductions miscounted", edited(t, files, order, func(m map[string]any) {
			m["counts"].(map[string]any)["with_deductions"] = 1000
		}), SummaryFile, "with_deductions", false, claimed},
		{"more objections corrected than received", edited(t, files, order, func(m map[string]any) {
			m["objections"] = map[string]any{"received": 0, "corrected": 3, "open": 0}
		}), SummaryFile, "异议数不合理", false, claimed},
		{"a total that does not add up", edited(t, files, order, func(m map[string]any) {
			m["members"].([]any)[0].(map[string]any)["quarter"].(map[string]any)["total"] = 9999999
		}), SummaryFile, "不等于 基础 + 奖励 − 扣分", false, claimed},
		{"a base above its cap", edited(t, files, order, func(m map[string]any) {
			q := m["members"].([]any)[0].(map[string]any)["quarter"].(map[string]any)
			q["base"], q["total"], q["deduction"] = 1e12, 1e12, 0
		}), SummaryFile, "基础积分", false, claimed},
		{"a manifest naming a file of a million characters", func() []byte {
			f := files()
			var m Manifest
			json.Unmarshal(f[ManifestFile], &m)
			m.Files = append(m.Files, ManifestEntry{Name: longName, Size: 1, SHA256: "00"})
			f[ManifestFile], _ = json.Marshal(m)
			return rezip(t, order, f)
		}, model.Quote(longName), "缺少该文件", false, claimed},
		{"path escaping the bundle", func() []byte {
			f := files()
			f["../evil.pdf"] = []byte("x")
			return rezip(t, append(order, "../evil.pdf"), f)
		}, "../evil.pdf", "没有列出该文件", false, claimed},
	}
	var hash string
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := tt.bundle()
			var notice bytes.Buffer
			bu, err := Open(bytes.NewReader(b), int64(len(b)), "收件箱/"+bundleName, func(name string, _ int64) io.Writer {
				if name == NoticeFile {
					return &notice
				}
				return nil
			})
			if tt.file == "-" {
				if err != nil {
					t.Fatalf("Open = %v, want a valid bundle", err)
				}
				if bu.Summary.Branch != claimed.Branch || bu.Summary.Period != "Q1" || len(bu.Summary.Members) != 39 {
					t.Errorf("summary = %s %s, %d members", bu.Summary.Branch, bu.Summary.Period, len(bu.Summary.Members))
				}
				if !bytes.Equal(notice.Bytes(), docs.Notice) {
					t.Error("the extracted notice differs from the one written")
				}
				if hash != "" && bu.ContentHash != hash {
					t.Error("the same content rezipped has another ContentHash")
				}
				hash = bu.ContentHash
				return
			}
			var p *Problem
			if !errors.As(err, &p) {
				t.Fatalf("Open = %v, want a *Problem", err)
			}
			if n := len(p.Error()); n > 1000 {
				t.Errorf("a problem of %d bytes", n)
			}
			if p.File != tt.file || !strings.Contains(p.Message, tt.msg) || p.Foreign != tt.foreign {
				t.Errorf("Problem = {%q %q foreign=%v}, want {%q …%s… foreign=%v}", p.File, p.Message, p.Foreign, tt.file, tt.msg, tt.foreign)
			}
			if (p.Claimed == nil) != (tt.claimed == nil) || (p.Claimed != nil && *p.Claimed != *tt.claimed) {
				t.Errorf("Claimed = %v, want %v", p.Claimed, tt.claimed)
			}
		})
	}
}

// longName is a million characters that deflate poorly, with bidi
// overrides and escapes among them.
var longName = func() string {
	var b strings.Builder
	for i := range 1000000 {
		switch {
		case i%1000 == 1:
			b.WriteString("\u202e")
		case i%1000 == 2:
			b.WriteString("\x1b")
		default:
			b.WriteRune(rune(0x4e00 + (i*7919)%20000))
		}
	}
	return b.String()
}()

// edited is a bundle whose summary.json was edited and its manifest
// recomputed, as someone who knows the format would.
func edited(t testing.TB, files func() map[string][]byte, order []string, edit func(map[string]any)) func() []byte {
	return func() []byte {
		f := files()
		f[SummaryFile] = editJSON(t, f[SummaryFile], edit)
		remanifest(t, f, SummaryFile, NoticeFile, SlipsFile)
		return rezip(t, order, f)
	}
}

func TestPoints(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want model.Points
		ok   bool
	}{
		{"0", 0, true}, {"80", 8000, true}, {"78.5", 7850, true}, {"1.25", 125, true}, {"-3", -300, true},
		{"-0.05", -5, true}, {"007", 700, true}, {"1e2", 0, false}, {"73.125", 0, false}, {"1.", 100, true},
		{"", 0, false}, {"-", 0, false}, {".5", 50, true}, {"99999999999999", 0, false},
	} {
		got, err := Points(json.Number(tt.in))
		if (err == nil) != tt.ok || (tt.ok && got != tt.want) {
			t.Errorf("Points(%q) = %v, %v; want %v ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func demoYearBundle(t testing.TB) []byte {
	t.Helper()
	var b bytes.Buffer
	res := unposted(demo(t)[2026])
	if err := Write(&b, res, 0, standIn(t, res, 0)); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func unzipAllT(t testing.TB, b []byte) map[string][]byte {
	_, f := unzip(t, b)
	return f
}

// A bundle cut short in transit and saved under another name (an e-mail
// attachment, 附件1.zip) still says which branch and period it was, from
// summary.json at its start, so the superior's row says 校验失败, not 未报送.
func TestOpenCutShortRenamed(t *testing.T) {
	var good bytes.Buffer
	docs := Docs{Notice: bytes.Repeat([]byte("%PDF-notice "), 400), Slips: bytes.Repeat([]byte("%PDF-slips "), 900)}
	if err := Write(&good, unposted(demo(t)[2026]), 1, docs); err != nil {
		t.Fatal(err)
	}
	claimed := &Identity{Branch: "中共示例市示例局机关第一党支部", Year: 2026, Period: "Q1"}
	for _, tt := range []struct {
		name    string
		cut     int
		claimed *Identity
	}{
		{"cut in half", good.Len() / 2, claimed},
		{"cut at the end", good.Len() - 10, claimed},
		{"only the first header left", 40, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b := good.Bytes()[:tt.cut]
			_, err := Open(bytes.NewReader(b), int64(len(b)), "收件箱/附件1.zip", nil)
			var p *Problem
			if !errors.As(err, &p) {
				t.Fatalf("Open = %v, want a *Problem", err)
			}
			if !strings.Contains(p.Message, "zip 文件不完整或已损坏") || p.Foreign {
				t.Errorf("Problem = {%q foreign=%v}", p.Message, p.Foreign)
			}
			if (p.Claimed == nil) != (tt.claimed == nil) || (p.Claimed != nil && *p.Claimed != *tt.claimed) {
				t.Errorf("Claimed = %v, want %v", p.Claimed, tt.claimed)
			}
		})
	}
}

// TestOpenRecords: a posted period's bundle carries its 公示存档 records,
// and Open holds them to summary.json's posting block: each listed in the
// manifest under the SHA-256 the block claims, and saying of itself what
// the block says (kind, dates, the record before it). The demo's 2026 Q3
// has a 公示 and a posted 更正公示.
func TestOpenRecords(t *testing.T) {
	res := demo(t)[2026]
	var good bytes.Buffer
	if err := Write(&good, res, 3, standIn(t, res, 3)); err != nil {
		t.Fatal(err)
	}
	names, _ := unzip(t, good.Bytes())
	files := func() map[string][]byte { _, f := unzip(t, good.Bytes()); return f }
	listed := names[:len(names)-1] // all but manifest.json
	sum := files()[SummaryFile]
	var s Summary
	if err := json.Unmarshal(sum, &s); err != nil {
		t.Fatal(err)
	}
	if len(s.Posting.Records) != 2 {
		t.Fatalf("the demo's 2026 Q3 has %d records, want its 公示 and 更正公示", len(s.Posting.Records))
	}
	corr := s.Posting.Records[1]
	withSummary := func(edit func(m map[string]any)) func() []byte {
		return func() []byte {
			f := files()
			f[SummaryFile] = editJSON(t, f[SummaryFile], edit)
			remanifest(t, f, listed...)
			return rezip(t, names, f)
		}
	}
	record := func(m map[string]any, i int) map[string]any {
		return m["posting"].(map[string]any)["records"].([]any)[i].(map[string]any)
	}
	tests := []struct {
		name      string
		bundle    func() []byte
		file, msg string
	}{
		{"a record rewritten and remanifested", func() []byte {
			f := files()
			f[corr.File] = editJSON(t, f[corr.File], func(m map[string]any) { m["posted"] = "2026-10-09" })
			remanifest(t, f, listed...)
			return rezip(t, names, f)
		}, corr.File, "SHA-256 与 summary.json 中记录的不符"},
		{"a record left out", func() []byte {
			f := files()
			var keep []string
			for _, n := range listed {
				if n != corr.File {
					keep = append(keep, n)
				}
			}
			remanifest(t, f, keep...)
			return rezip(t, append(keep, ManifestFile), f)
		}, SummaryFile, "不在备案包中"},
		{"summary naming another previous", withSummary(func(m map[string]any) {
			record(m, 1)["previous"] = strings.Repeat("ab", 32)
		}), corr.File, "与 summary.json 不符"},
		{"a 更正公示 first", withSummary(func(m map[string]any) { record(m, 0)["kind"] = "更正公示" }), SummaryFile, "第一份记录是公示"},
		{"posted after the bundle was made", withSummary(func(m map[string]any) { record(m, 1)["posted"] = "2027-02-01" }), SummaryFile, "张贴日期"},
		{"posted inside the quarter", withSummary(func(m map[string]any) { record(m, 0)["posted"] = "2026-09-30" }), SummaryFile, "张贴日期"},
		{"records without a state", withSummary(func(m map[string]any) { m["posting"].(map[string]any)["state"] = "" }), SummaryFile, "posting 缺少 state"},
		{"posted yet 待张贴", withSummary(func(m map[string]any) { m["posting"].(map[string]any)["state"] = "待张贴" }), SummaryFile, "与张贴记录（2 份）不符"},
	}
	b := good.Bytes()
	bu, err := Open(bytes.NewReader(b), int64(len(b)), "q3.zip", nil)
	if err != nil {
		t.Fatalf("Open = %v", err)
	}
	if len(bu.Records) != 2 || bu.Records[0].Kind != "公示" || bu.Records[1].Kind != "更正公示" || bu.Records[1].Previous != bu.Records[0].SHA256 {
		t.Fatalf("records = %+v", bu.Records)
	}
	if ch := bu.Records[1].Changes; len(ch) == 0 || ch[0].Investigation == "" || len(ch[0].Figures) == 0 || *ch[0].Posted != corr.Posted {
		t.Errorf("the 更正公示's changes as read from its record = %+v", ch)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := tt.bundle()
			_, err := Open(bytes.NewReader(b), int64(len(b)), "q3.zip", nil)
			var p *Problem
			if !errors.As(err, &p) {
				t.Fatalf("Open = %v, want a *Problem", err)
			}
			if p.File != tt.file || !strings.Contains(p.Message, tt.msg) {
				t.Errorf("Problem = {%q %q}, want {%q …%s…}", p.File, p.Message, tt.file, tt.msg)
			}
		})
	}
}
