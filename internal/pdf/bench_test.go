package pdf

import (
	"bytes"
	"testing"
)

// Benchmarks render each document for 32 members (notices of two pages,
// 41 slips pages, a three-page register), compressed as in production.
func benchDoc(b *testing.B, i int) {
	res := testResult(b, 32)
	doc := documents[i]
	o := Options{Now: testNow, Compress: true}
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if _, err := doc.render(&buf, res, o); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes/doc")
}

func BenchmarkQuarterNotice(b *testing.B)  { benchDoc(b, 0) }
func BenchmarkAnnualNotice(b *testing.B)   { benchDoc(b, 1) }
func BenchmarkSlips(b *testing.B)          { benchDoc(b, 2) }
func BenchmarkAnnualRegister(b *testing.B) { benchDoc(b, 3) }
