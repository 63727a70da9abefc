package model

import (
	"errors"
	"fmt"
)

// A command fails in one of two ways (STYLE habit 3, after wtf's Error):
// with a UserError, whose Chinese message tells the committee what is
// wrong and what to do, or with any other error — an I/O failure or a bug,
// in Go's English — which the command words as an internal failure and
// keeps the cause of for whoever maintains jifen. Which is which is said by
// the type, never guessed from the text: a Chinese prefix around an
// English I/O error is still an internal failure.

// ErrorKind says who can act on a failure.
type ErrorKind uint8

const (
	// KindInternal is a bug, or an I/O failure no message of ours
	// explains. It is the kind of every error that is not a UserError.
	KindInternal ErrorKind = iota
	// KindUsage: the command was asked wrongly (a flag, an argument, a
	// folder named that does not exist or cannot be used for that).
	KindUsage
	// KindData: the register cannot be used for what was asked.
	KindData
	// KindFixable: the computer's state is in the way and the user can
	// change it (a folder jifen did not make, a file held open, a wait
	// interrupted).
	KindFixable
)

// String names the kind for logs and tests.
func (k ErrorKind) String() string {
	switch k {
	case KindUsage:
		return "usage"
	case KindData:
		return "data"
	case KindFixable:
		return "fixable"
	}
	return "internal"
}

// UserError is a failure the committee can act on: Message is complete
// Simplified Chinese and is shown as it is.
type UserError struct {
	Kind    ErrorKind
	Message string
	Err     error // the cause, for errors.Is and errors.As; nil when none
}

func (e *UserError) Error() string { return e.Message }

func (e *UserError) Unwrap() error { return e.Err }

// UserErrorf makes a UserError of kind whose message is formatted as
// fmt.Errorf formats it; an operand of %w becomes the cause.
func UserErrorf(kind ErrorKind, format string, args ...any) error {
	err := fmt.Errorf(format, args...)
	return &UserError{Kind: kind, Message: err.Error(), Err: errors.Unwrap(err)}
}

// ErrorKindOf is the kind of the first UserError in err's chain,
// KindInternal when there is none.
func ErrorKindOf(err error) ErrorKind {
	var ue *UserError
	if errors.As(err, &ue) {
		return ue.Kind
	}
	return KindInternal
}

// UserMessage is the message of the first UserError in err's chain that is
// not of KindInternal; ok is false for an internal failure.
func UserMessage(err error) (msg string, ok bool) {
	var ue *UserError
	if errors.As(err, &ue) && ue.Kind != KindInternal {
		return ue.Message, true
	}
	return "", false
}
