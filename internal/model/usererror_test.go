package model

import (
	"errors"
	"fmt"
	"io/fs"
	"syscall"
	"testing"
)

// TestErrorKind: the kind comes from the first UserError in the chain, and
// any other error, whatever its text, is internal.
func TestErrorKind(t *testing.T) {
	cause := &fs.PathError{Op: "rename", Path: "site", Err: syscall.EBUSY}
	ue := UserErrorf(KindFixable, "无法替换输出目录（%w）", cause)
	for _, tt := range []struct {
		err  error
		want ErrorKind
	}{
		{nil, KindInternal},
		{errors.New("无法替换输出目录"), KindInternal},
		{cause, KindInternal},
		{fmt.Errorf("备案: %w", cause), KindInternal},
		{ue, KindFixable},
		{fmt.Errorf("publish: %w", ue), KindFixable},
		{UserErrorf(KindUsage, "x"), KindUsage},
		{UserErrorf(KindData, "x"), KindData},
	} {
		if got := ErrorKindOf(tt.err); got != tt.want {
			t.Errorf("ErrorKindOf(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
	if !errors.Is(ue, syscall.EBUSY) {
		t.Error("a UserError made with %w does not unwrap to its cause")
	}
}
