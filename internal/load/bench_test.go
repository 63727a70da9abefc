package load

import (
	"fmt"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/jifen-dev/jifen/internal/workbook"
)

// writeBigRegister writes a 100,000-row 日常登记 with StreamWriter.
func writeBigRegister(b *testing.B, dir string, n int) {
	baseRegister(b, dir)
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "日常登记")
	sw, err := f.NewStreamWriter("日常登记")
	if err != nil {
		b.Fatal(err)
	}
	sw.SetRow("A1", []any{"2026年党员积分日常登记表"})
	sw.SetRow("A2", entryHeader)
	ids := []string{"D001", "D002", "D006"}
	codes := []string{"B1", "B2", "R1"}
	for i := 0; i < n; i++ {
		cell, _ := excelize.CoordinatesToCellName(1, i+3)
		day := 46023 + (i % 360) // 2026-01-01 onwards
		sw.SetRow(cell, []any{day, ids[i%3], nil, codes[i%3], 1, nil, fmt.Sprintf("第%d次活动", i%50), "管理员", day + 1})
	}
	sw.Flush()
	if err := f.SaveAs(filepath.Join(dir, "data", "2026", "日常登记.xlsx")); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkLoad100k reads a 100,000-row 日常登记 register.
// go test -run '^$' -bench Load100k -benchmem ./internal/load
func BenchmarkLoad100k(b *testing.B) {
	const n = 100_000
	dir := b.TempDir()
	writeBigRegister(b, dir, n)
	b.Chdir(dir)
	var peak uint64
	runs := 0
	for b.Loop() { // with b.Loop the register is generated once
		runs++
		stop := make(chan struct{})
		done := make(chan uint64)
		go func() { // sample the heap while loading
			var m runtime.MemStats
			var max uint64
			for {
				runtime.ReadMemStats(&m)
				if m.HeapInuse > max {
					max = m.HeapInuse
				}
				select {
				case <-stop:
					done <- max
					return
				case <-time.After(20 * time.Millisecond):
				}
			}
		}()
		d, err := Load("data", Options{Read: workbook.Read})
		close(stop)
		if p := <-done; p > peak {
			peak = p
		}
		if err != nil || len(d.Findings) != 0 || len(d.Register.Years[0].Entries) != n {
			b.Fatalf("load: %v, %d findings (%v), %d entries", err, len(d.Findings), d.Findings[:min(3, len(d.Findings))], len(d.Register.Years[0].Entries))
		}
	}
	b.ReportMetric(float64(n*runs)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
}
