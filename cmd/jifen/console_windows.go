package main

import (
	"syscall"
	"unsafe"
)

var getConsoleProcessList = syscall.NewLazyDLL("kernel32.dll").NewProc("GetConsoleProcessList")

// ownConsole reports whether the console window was created for this
// process alone, as when jifen.exe is double-clicked: the window then
// closes the moment jifen exits, so a fatal error must wait for Enter.
// Started from cmd.exe or PowerShell, the console has other processes.
func ownConsole() bool {
	if getConsoleProcessList.Find() != nil {
		return false
	}
	var ids [4]uint32
	n, _, _ := getConsoleProcessList.Call(uintptr(unsafe.Pointer(&ids[0])), uintptr(len(ids)))
	return n == 1
}
