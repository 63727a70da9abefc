package watch

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"time"

	"github.com/jifen-dev/jifen/internal/pipeline"
	"github.com/jifen-dev/jifen/internal/preview"
)

// pollInterval is --poll's scan period.
const pollInterval = time.Second

// Main runs `jifen watch` (serve false) and `jifen serve` (serve true):
// build, then rebuild on every change of the data folder (each year,
// pages/) and of the templates override, until ctx is done. With serve it
// also runs the preview server on addr (loopback unless addr names a host,
// see preview.Addr) and prints its URL. Build lines go to stdout. It
// returns nil when ctx ends, an error when it cannot start.
func Main(ctx context.Context, cfg pipeline.Config, addr string, serve, poll bool, stdout, stderr io.Writer) error {
	if fi, err := os.Stat(cfg.Data); err != nil || !fi.IsDir() {
		return fmt.Errorf("找不到数据目录 %s", cfg.Data)
	}
	o := Options{
		Dirs:   DataDirs(cfg.Data, cfg.Templates),
		Ignore: []string{cfg.Out, cfg.Reports},
		Build:  func(ctx context.Context) (pipeline.Report, error) { return pipeline.Build(ctx, cfg) },
		Log:    stdout,
	}
	if poll {
		o.Poll = pollInterval
	}
	if !serve {
		fmt.Fprintf(stdout, "正在监视 %s，文件保存后自动重新生成；按 Ctrl+C 停止\n", cfg.Data)
		return Run(ctx, o)
	}

	if cfg.Out == "" {
		return fmt.Errorf("预览需要网站输出目录（--out）")
	}
	ln, err := net.Listen("tcp", preview.Addr(addr))
	if err != nil {
		return fmt.Errorf("无法启动预览服务器：%w", err)
	}
	srv := preview.New(cfg.Out)
	o.OnBuild = srv.Publish
	fmt.Fprintf(stdout, "预览地址：%s（文件保存后页面自动刷新；按 Ctrl+C 停止）\n", browseURL(ln.Addr()))
	if tcp, ok := ln.Addr().(*net.TCPAddr); ok && !tcp.IP.IsLoopback() {
		fmt.Fprintf(stderr, "注意：预览服务器监听 %s，同一网络中的其他电脑也能打开\n", ln.Addr())
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	served := make(chan error, 1)
	go func() {
		served <- preview.Serve(ctx, ln, srv.Handler())
		cancel() // the server died: stop watching too
	}()
	err = Run(ctx, o)
	cancel()
	if serr := <-served; serr != nil && err == nil {
		err = fmt.Errorf("预览服务器出错：%w", serr)
	}
	return err
}

// browseURL is the address to open in a browser: an unspecified host
// (0.0.0.0, ::) is reachable on this machine as 127.0.0.1.
func browseURL(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok {
		return "http://" + a.String() + "/"
	}
	host := tcp.IP.String()
	if tcp.IP.IsUnspecified() {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, fmt.Sprint(tcp.Port)) + "/"
}
