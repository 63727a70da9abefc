package fslock

import (
	"context"
	"os"
	"os/exec"
	"testing"
	"time"
)

func TestLockExcludes(t *testing.T) {
	dir := t.TempDir()
	unlock, ok, err := TryLock(dir)
	if err != nil || !ok {
		t.Fatalf("TryLock = %v, %v", ok, err)
	}
	if _, ok, err := TryLock(dir); ok || err != nil {
		t.Fatalf("second TryLock while held = %v, %v; want false, nil", ok, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := Lock(ctx, dir); err == nil {
		t.Fatal("Lock took a held lock")
	}
	got := make(chan error)
	go func() {
		u, err := Lock(context.Background(), dir)
		if err == nil {
			u()
		}
		got <- err
	}()
	unlock()
	if err := <-got; err != nil {
		t.Fatalf("Lock after unlock: %v", err)
	}
}

// TestLockDiesWithItsHolder: a killed holder leaves no lock behind.
func TestLockDiesWithItsHolder(t *testing.T) {
	if os.Getenv("FSLOCK_HOLD") != "" {
		if _, ok, err := TryLock(os.Getenv("FSLOCK_HOLD")); !ok || err != nil {
			os.Exit(3)
		}
		os.Stdout.WriteString("held\n")
		time.Sleep(time.Minute)
		return
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestLockDiesWithItsHolder$")
	cmd.Env = append(os.Environ(), "FSLOCK_HOLD="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 5)
	if _, err := out.Read(buf); err != nil || string(buf) != "held\n" {
		t.Fatalf("holder said %q, %v", buf, err)
	}
	if _, ok, _ := TryLock(dir); ok {
		t.Fatal("lock held by another process was taken")
	}
	cmd.Process.Kill()
	cmd.Wait()
	unlock, ok, err := TryLock(dir)
	if !ok || err != nil {
		t.Fatalf("lock of a killed process: TryLock = %v, %v", ok, err)
	}
	unlock()
}
