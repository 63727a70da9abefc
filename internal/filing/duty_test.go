package filing

import (
	"bytes"
	"slices"
	"testing"

	"github.com/jifen-dev/jifen/internal/model"
)

// TestBundleFollowsDuty: a bundle holds exactly the files its period's
// Duty lists, in that order, then the period's 公示存档 records, and its
// manifest; the 细则 bundle likewise.
func TestBundleFollowsDuty(t *testing.T) {
	res := demo(t)[2025]
	for _, q := range []int{4, 0, -1} {
		var b bytes.Buffer
		duty := RulesDuty
		if q >= 0 {
			duty = DutyOf(q)
			if err := Write(&b, res, q, standIn(t, res, q)); err != nil {
				t.Fatal(err)
			}
		} else if err := WriteRules(&b, res); err != nil {
			t.Fatal(err)
		}
		names, _ := unzip(t, b.Bytes())
		var want []string
		for _, c := range duty.Contents {
			want = append(want, c.File)
		}
		if q >= 0 {
			for _, p := range recordParts(t, res, q) {
				want = append(want, p.Name)
			}
		}
		want = append(want, ManifestFile)
		if !slices.Equal(names, want) {
			t.Errorf("bundle %d holds %v, want %v", q, names, want)
		}
	}
}

func TestDue(t *testing.T) {
	for _, tt := range []struct {
		year, q int
		want    string
	}{
		{2026, 1, "2026年4月5日前"},
		{2026, 4, "2027年1月5日前"},
		{2026, 0, "年度等次确定并公示后"},
	} {
		if got := Due(tt.year, tt.q); got != tt.want {
			t.Errorf("Due(%d, %d) = %q, want %q", tt.year, tt.q, got, tt.want)
		}
	}
	if got := RulesDue(2026); got != "2026年4月5日前" {
		t.Errorf("RulesDue(2026) = %q, want the first quarter's due date", got)
	}
	if got := model.DateString(DueDate(2026, 0)); got != "2027-04-05" {
		t.Errorf("DueDate(2026, 0) = %s, want the next year's first quarter's, 2027-04-05", got)
	}
	if got := QuarterDuty.Titles(); got != "季度积分摘要、公示通知、积分核实单" {
		t.Errorf("QuarterDuty.Titles() = %q", got)
	}
}
