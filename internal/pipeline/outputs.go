package pipeline

import (
	"path/filepath"

	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/publish"
)

// checkOutputs refuses output folders that would write into the data folder
// or replace a folder jifen did not make.
func checkOutputs(cfg Config) error {
	data, err := filepath.Abs(cfg.Data)
	if err != nil {
		return err
	}
	for _, out := range []string{cfg.Out, cfg.Reports} {
		if out == "" {
			continue
		}
		abs, err := filepath.Abs(out)
		if err != nil {
			return err
		}
		if publish.Within(abs, data) || publish.Within(data, abs) {
			return model.UserErrorf(model.KindUsage, "输出目录 %s 与数据目录 %s 重叠：jifen 不向数据目录写入任何文件", out, cfg.Data)
		}
		if err := publish.CheckOwned(out); err != nil {
			return err
		}
	}
	if cfg.Out != "" && cfg.Reports != "" {
		a, _ := filepath.Abs(cfg.Out)
		b, _ := filepath.Abs(cfg.Reports)
		if publish.Within(a, b) || publish.Within(b, a) {
			return model.UserErrorf(model.KindUsage, "公开网站目录 %s 与支委会报表目录 %s 不能相互包含", cfg.Out, cfg.Reports)
		}
	}
	return nil
}
