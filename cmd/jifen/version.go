package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
)

// Stamped by the release build (scripts/release.sh):
//
//	go build -ldflags "-X main.version=v1.0.0 -X main.commit=… -X main.date=2026-12-01"
var version, commit, date string

// versionInfo is what `jifen version` prints. Unstamped builds (go build,
// go run, go install) take what the Go toolchain recorded: the module
// version when installed from a tag, the VCS revision and commit time
// when built in a checkout.
type versionInfo struct {
	Version  string // v1.0.0, or 开发版 when nobody named it
	Commit   string // full revision, "" when unknown
	Date     string // the release's build date, or the commit's time
	Modified bool   // built from a checkout with uncommitted changes
	Stamped  bool   // version, commit and date came from the release build
}

func buildVersion() versionInfo {
	v := versionInfo{Version: version, Commit: commit, Date: date, Stamped: version != ""}
	if bi, ok := debug.ReadBuildInfo(); ok {
		if v.Version == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			v.Version = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				if v.Commit == "" {
					v.Commit = s.Value
				}
			case "vcs.time":
				if v.Date == "" {
					v.Date = s.Value
				}
			case "vcs.modified":
				v.Modified = !v.Stamped && s.Value == "true"
			}
		}
	}
	if v.Version == "" {
		v.Version = "开发版"
	}
	return v
}

// version prints the version, commit and build date (SPEC §5).
func (e env) version(args []string) int {
	if len(args) > 0 {
		fmt.Fprintf(e.stderr, "jifen: 多余的参数：%s\n", strings.Join(args, " "))
		return exitUsage
	}
	v := buildVersion()
	fmt.Fprintf(e.stdout, "jifen %s\n", v.Version)
	c := v.Commit
	if c == "" {
		c = "未知"
	}
	if v.Modified {
		c += "（含未提交的修改）"
	}
	fmt.Fprintf(e.stdout, "提交：%s\n", c)
	d := v.Date
	switch {
	case d == "":
		d = "未知"
	case !v.Stamped:
		d += "（提交时间）"
	}
	fmt.Fprintf(e.stdout, "构建日期：%s\n", d)
	fmt.Fprintf(e.stdout, "Go：%s %s/%s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return exitOK
}
