package watch

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/jifen-dev/jifen/internal/fixture"
	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/pipeline"
)

// BenchmarkSaveToBuildDemo is what `jifen serve` does between a save of the
// demo register and the moment the browser is told to reload: the rename
// that ends a LibreOffice save, the settle, and the rebuild with the
// watcher's cache. "resave" saves the workbook unchanged (Ctrl+S: new bytes,
// same content); "edit" changes a 事由 in a closed quarter, which renders
// that quarter's notice, slips, ledger and 备案 bundle again.
//
//	go test -run '^$' -bench SaveToBuildDemo -benchtime 10x ./internal/watch
func BenchmarkSaveToBuildDemo(b *testing.B) {
	for _, mode := range []string{"resave", "edit"} {
		b.Run(mode, func(b *testing.B) { benchSave(b, mode) })
	}
}

func benchSave(b *testing.B, mode string) {
	root := b.TempDir()
	data := filepath.Join(root, "data")
	if err := os.CopyFS(data, os.DirFS(filepath.Join("..", "..", "data"))); err != nil {
		b.Fatal(err)
	}
	target := filepath.Join(data, "2025", "日常登记-一二季度.xlsx")
	orig, err := os.ReadFile(target)
	if err != nil {
		b.Fatal(err)
	}
	// Two versions to alternate between, so that every save changes the bytes.
	versions := [2][]byte{rezip(b, orig), orig}
	if mode == "edit" {
		versions[0] = edited(b, orig)
	}
	cfg := pipeline.Config{Data: data, Out: filepath.Join(root, "site"), Reports: filepath.Join(root, "reports"),
		AsOf: model.NewDate(2026, 11, 24), Cache: pipeline.NewCache()}
	built := make(chan Result, 16)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, Options{Dirs: DataDirs(cfg.Data, ""), Ignore: []string{cfg.Out, cfg.Reports},
			Build:   func(ctx context.Context) (pipeline.Report, error) { return pipeline.Build(ctx, cfg) },
			OnBuild: func(r Result) { built <- r }})
	}()
	defer func() { cancel(); <-done }()
	wait := func() {
		select {
		case r := <-built:
			if !r.OK {
				b.Fatalf("build failed: %v %v", r.Err, r.Report.Findings)
			}
		case <-time.After(2 * time.Minute):
			b.Fatal("no build")
		}
	}
	wait() // the first, full build
	var saves time.Duration
	cpu := fixture.CPUSeconds()
	for i := 0; b.Loop(); i++ {
		tmp := filepath.Join(filepath.Dir(target), "lu8231.tmp")
		if err := os.WriteFile(tmp, versions[i%2], 0o644); err != nil {
			b.Fatal(err)
		}
		t0 := time.Now()
		if err := os.Rename(tmp, target); err != nil {
			b.Fatal(err)
		}
		wait()
		saves += time.Since(t0)
	}
	b.ReportMetric(float64(saves.Milliseconds())/float64(b.N), "ms/save")
	if c := fixture.CPUSeconds() - cpu; c > 0 {
		b.ReportMetric(c*1000/float64(b.N), "cpu-ms/save") // on a shared machine, steadier than the clock
	}
}

// rezip copies a zip with its entries recompressed: other bytes, same workbook.
func rezip(b *testing.B, in []byte) []byte {
	zr, err := zip.NewReader(bytes.NewReader(in), int64(len(in)))
	if err != nil {
		b.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			b.Fatal(err)
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := io.Copy(w, r); err != nil {
			b.Fatal(err)
		}
		r.Close()
	}
	if err := zw.Close(); err != nil {
		b.Fatal(err)
	}
	return out.Bytes()
}

// edited changes the 事由 of the first row of the first quarter's sheet.
func edited(b *testing.B, in []byte) []byte {
	f, err := excelize.OpenReader(bytes.NewReader(in))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetList()[0]
	rows, err := f.GetRows(sheet)
	if err != nil {
		b.Fatal(err)
	}
	for r, row := range rows {
		for c, v := range row {
			if v == "事由" {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+2)
				old, _ := f.GetCellValue(sheet, cell)
				if err := f.SetCellValue(sheet, cell, old+"（补充）"); err != nil {
					b.Fatal(err)
				}
				var out bytes.Buffer
				if err := f.Write(&out); err != nil {
					b.Fatal(err)
				}
				return out.Bytes()
			}
		}
	}
	b.Fatal("no 事由 column")
	return nil
}
