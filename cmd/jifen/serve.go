package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"syscall"
	"time"

	"github.com/jifen-dev/jifen/internal/pipeline"
	"github.com/jifen-dev/jifen/internal/preview"
	"github.com/jifen-dev/jifen/internal/watch"
)

// pollInterval is --poll's scan period.
const pollInterval = time.Second

// watch runs `jifen watch` and `jifen serve`: build, then rebuild on every
// change of the data folder (each year, pages/) and of the templates
// override until ctx is done; serve also runs the preview server and tells
// it of every build. This is the only place that wires the watcher, the
// pipeline and the server together.
func (e env) watch(ctx context.Context, cmd string, args []string) int {
	var bf buildFlags
	var addr string
	var poll bool
	fs := newFlagSet(cmd, e.stderr)
	bf.register(fs, true)
	if cmd == "serve" {
		fs.StringVar(&addr, "addr", "127.0.0.1:8080", "预览服务器监听地址；127.0.0.1 只有本机能打开")
	}
	fs.BoolVar(&poll, "poll", false, "定时检查文件变化（用于网络共享目录等收不到文件事件的位置）")
	cfg, ok := bf.parse(fs, args, e.stderr)
	if !ok {
		return exitUsage
	}
	cfg.Clock = e.clock
	cfg.Cache = pipeline.NewCache()
	o := watch.Options{
		Dirs:   watch.DataDirs(cfg.Data, cfg.Templates),
		Ignore: []string{cfg.Out, cfg.Reports},
		Build:  func(ctx context.Context) (pipeline.Report, error) { return pipeline.Build(ctx, cfg) },
		Log:    e.stdout,
	}
	if poll {
		o.Poll = pollInterval
	}
	var err error
	if cmd == "serve" {
		err = serve(ctx, o, cfg, addr, e.stdout, e.stderr)
	} else {
		fmt.Fprintf(e.stdout, "正在监视 %s，文件保存后自动重新生成；按 Ctrl+C 停止\n", cfg.Data)
		err = watch.Run(ctx, o)
	}
	if err != nil && !errors.Is(err, context.Canceled) {
		fmt.Fprintln(e.stderr, "jifen:", err)
		return exitUsage
	}
	return exitOK
}

// serve runs the watcher o with the preview server on addr (loopback
// unless addr names a host, see preview.Addr), prints its URL, and returns
// when ctx ends or the server fails.
func serve(ctx context.Context, o watch.Options, cfg pipeline.Config, addr string, stdout, stderr io.Writer) error {
	if cfg.Out == "" {
		return fmt.Errorf("预览需要网站输出目录（--out）")
	}
	ln, err := net.Listen("tcp", preview.Addr(addr))
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return fmt.Errorf("无法启动预览服务器：地址 %s 已被其他程序占用（可能是另一个 jifen），请关闭它，或用 --addr 换一个端口，如 --addr 127.0.0.1:8081", preview.Addr(addr))
		}
		return fmt.Errorf("无法启动预览服务器：%w", err)
	}
	srv := preview.New(cfg.Out)
	if cfg.Reports != "" {
		srv.ShowReports(cfg.Reports)
		enablePosting(srv, cfg)
	}
	allowHosts(srv, preview.Addr(addr), ln.Addr())
	url := browseURL(ln.Addr())
	fmt.Fprintf(stdout, "预览地址：%s（文件保存后页面自动刷新；按 Ctrl+C 停止）\n", url)
	if cfg.Reports != "" {
		fmt.Fprintf(stdout, "支委会材料：%s（含草稿，只在本机可以打开）\n", strings.TrimSuffix(url, "/")+preview.ReportsPath)
	}
	if tcp, ok := ln.Addr().(*net.TCPAddr); ok && !tcp.IP.IsLoopback() {
		fmt.Fprintf(stderr, "注意：预览服务器监听 %s，同一网络中的其他电脑也能打开\n", ln.Addr())
	}
	return serveOn(ctx, o, ln, srv)
}

// serveOn runs the watcher o and the preview server srv on ln until ctx
// ends or the server fails; srv hears of every build before o.OnBuild
// does. serve and the no-argument start share it.
func serveOn(ctx context.Context, o watch.Options, ln net.Listener, srv *preview.Server) error {
	then := o.OnBuild
	o.OnBuild = func(r watch.Result) {
		if r.OK {
			srv.Published(r.Report.BuildID, r.Report.Findings)
		} else {
			srv.Failed(r.Err, r.Report.Findings)
		}
		if then != nil {
			then(r)
		}
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	served := make(chan error, 1)
	go func() {
		served <- preview.Serve(ctx, ln, srv.Handler())
		cancel() // the server died: stop watching too
	}()
	err := watch.Run(ctx, o)
	cancel()
	if serr := <-served; serr != nil && err == nil {
		err = fmt.Errorf("预览服务器出错：%w", serr)
	}
	return err
}

// allowHosts tells the server the host names it may be opened by besides
// localhost and IP addresses (DNS rebinding): the host named in --addr,
// and this computer's name when it listens on every interface.
func allowHosts(srv *preview.Server, addr string, bound net.Addr) {
	if host, _, err := net.SplitHostPort(addr); err == nil && host != "" && net.ParseIP(host) == nil {
		srv.AllowHost(host)
	}
	if tcp, ok := bound.(*net.TCPAddr); ok && tcp.IP.IsUnspecified() {
		if name, err := os.Hostname(); err == nil && name != "" {
			srv.AllowHost(name)
			srv.AllowHost(name + ".local")
		}
	}
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
