package sheet

import "testing"

func TestLegacyExt(t *testing.T) {
	for name, want := range map[string]bool{"a.xls": true, "a.ET": true, "a.ods": true, "a.csv": true, "a.xlsm": true, "a.xlsx": false, "a.md": false} {
		if _, got := LegacyExt(name); got != want {
			t.Errorf("LegacyExt(%s) = %v", name, got)
		}
	}
	if msg, _ := LegacyExt("登记.xls"); msg != MsgLegacy {
		t.Errorf("LegacyExt(登记.xls) = %q", msg)
	}
}
