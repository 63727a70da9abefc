package summary

import (
	"encoding/json"
	"os"
	"path/filepath"
)

// StateFile keeps, inside the published output, what the last run learnt
// of every bundle, so that a rerun after new bundles arrived verifies only
// the new or changed files. A file counts as unchanged when its path, size
// and modification time are (make's and rsync's rule).
const StateFile = ".jifen-summary.json"

// stateVersion changes whenever Digest or the extracted paths change
// meaning; an old state is then ignored and every bundle verified again.
const stateVersion = 3

type state struct {
	Version int         `json:"version"`
	Files   []*Received `json:"files"`
}

// State is the previous run's verification results by path.
type State map[string]*Received

// LoadState reads the state of the output folder out; a missing or
// unreadable state is an empty one.
func LoadState(out string) State {
	b, err := os.ReadFile(filepath.Join(out, StateFile))
	if err != nil {
		return State{}
	}
	var s state
	if json.Unmarshal(b, &s) != nil || s.Version != stateVersion {
		return State{}
	}
	m := State{}
	for _, r := range s.Files {
		if r != nil && (r.Digest != nil || r.Problem != nil) {
			m[r.Path] = r
		}
	}
	return m
}

// Reusable returns the previous result for f when f is unchanged and, for
// a valid bundle, its extracted documents are still in old (the previous
// output); nil otherwise.
func (s State) Reusable(f File, old string) *Received {
	r := s[f.Path]
	if r == nil || r.Size != f.Size || !r.ModTime.Equal(f.ModTime) {
		return nil
	}
	if d := r.Digest; d != nil {
		for _, p := range []string{d.Notice, d.Register} {
			if p == "" {
				continue
			}
			if _, err := os.Stat(filepath.Join(old, filepath.FromSlash(p))); err != nil {
				return nil
			}
		}
	}
	return r
}

// SaveState writes the state of this run into the output folder out.
func SaveState(out string, recv []*Received) error {
	b, err := json.Marshal(state{Version: stateVersion, Files: recv})
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(out, StateFile), b, 0o644)
}
