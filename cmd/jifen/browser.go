package main

import (
	"os/exec"
	"runtime"
)

// systemOpener is the command that opens url in the default browser.
func systemOpener(url string) (string, []string) {
	switch runtime.GOOS {
	case "windows":
		// The shell's own handler: no console flashes, and no cmd.exe
		// parsing of & or ^ in the URL.
		return "rundll32", []string{"url.dll,FileProtocolHandler", url}
	case "darwin":
		return "open", []string{url}
	}
	return "xdg-open", []string{url}
}

// startDetached starts a command without waiting for it (a browser may
// run for hours); its exit is collected in the background.
func startDetached(name string, args ...string) error {
	cmd := exec.Command(name, args...)
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait()
	return nil
}
