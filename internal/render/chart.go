package render

import (
	"math/big"
	"strconv"

	"github.com/jifen-dev/jifen/internal/model"
)

// Chart is an inline SVG bar chart laid out at build time in viewBox
// units; the template only places the shapes. Geometry uses integers so
// output is byte-for-byte stable.
type Chart struct {
	ID, Title string
	W, H      int
	Bars      []Bar
	Axis      []Line
	Empty     string // shown instead of bars when there is no data
}

// Bar is one bar with its label and value text.
type Bar struct {
	X, Y, W, H int
	Class      string
	Label      string
	LX, LY     int
	LAnchor    string
	Value      string
	VX, VY     int
	VAnchor    string
	Title      string // tooltip and accessible text
}

// Line is an axis or reference line.
type Line struct{ X1, Y1, X2, Y2 int }

// distBins are the ranges of the distribution of quarter totals; each
// includes its lower bound and excludes the upper one.
var distBins = []struct {
	label  string
	lo, hi model.Points // hi 0 = no upper bound; lo of the first bin unused
}{
	{"60以下", 0, model.P(60)},
	{"60–70", model.P(60), model.P(70)},
	{"70–80", model.P(70), model.P(80)},
	{"80–90", model.P(80), model.P(90)},
	{"90及以上", model.P(90), 0},
}

func binOf(p model.Points) int {
	for i, b := range distBins {
		if (i == 0 || p >= b.lo) && (b.hi == 0 || p < b.hi) {
			return i
		}
	}
	return len(distBins) - 1
}

// distChart draws how many members fall in each range of quarter totals.
func distChart(id, title string, ps []model.Points) *Chart {
	counts := make([]int, len(distBins))
	labels := make([]string, len(distBins))
	for i, b := range distBins {
		labels[i] = b.label
	}
	for _, p := range ps {
		counts[binOf(p)]++
	}
	if len(ps) == 0 {
		counts = nil
	}
	return columnChart(id, title, labels, counts, "人")
}

// columnChart draws one column per label with its count and unit (人, 个);
// nil counts draw 「暂无数据」.
func columnChart(id, title string, labels []string, counts []int, unit string) *Chart {
	const w, h, top, bottom, left = 560, 220, 24, 32, 10
	c := &Chart{ID: id, Title: title, W: w, H: h}
	if len(counts) == 0 {
		c.Empty = "暂无数据"
		return c
	}
	max := 1
	for _, n := range counts {
		if n > max {
			max = n
		}
	}
	slot := (w - 2*left) / len(labels)
	plot := h - top - bottom
	for i, n := range counts {
		bh := n * plot / max
		if n > 0 && bh < 2 {
			bh = 2
		}
		x := left + i*slot + slot/6
		bw := slot * 2 / 3
		c.Bars = append(c.Bars, Bar{X: x, Y: top + plot - bh, W: bw, H: bh, Class: "bar",
			Label: labels[i], LX: x + bw/2, LY: h - 10, LAnchor: "middle",
			Value: strconv.Itoa(n) + unit, VX: x + bw/2, VY: top + plot - bh - 6, VAnchor: "middle",
			Title: labels[i] + "：" + strconv.Itoa(n) + unit})
	}
	c.Axis = []Line{{left, top + plot, w - left, top + plot}}
	return c
}

// scale maps v in [0, max] to [0, span] pixels, clamping outside values.
func scale(v, max *big.Rat, span int) int {
	if max == nil || max.Sign() <= 0 || v == nil || v.Sign() <= 0 {
		return 0
	}
	r := new(big.Rat).Mul(v, big.NewRat(int64(span), 1))
	r.Quo(r, max)
	n := new(big.Int).Quo(r.Num(), r.Denom()).Int64()
	if n > int64(span) {
		return span
	}
	return int(n)
}

// groupChart draws each 党小组's average quarter total as horizontal bars
// on a scale from 0 to the quarter maximum.
func groupChart(id, title string, gs []groupAvg, max model.Points) *Chart {
	const w, row, labelW, valueW = 560, 32, 180, 60
	c := &Chart{ID: id, Title: title, W: w, H: row*len(gs) + 12}
	if len(gs) == 0 {
		c.H = 40
		c.Empty = "暂无数据"
		return c
	}
	span := w - labelW - valueW
	for i, g := range gs {
		y := 6 + i*row
		bw := scale(g.Avg, max.Rat(), span)
		v := ratText(g.Avg)
		c.Bars = append(c.Bars, Bar{X: labelW, Y: y + 4, W: bw, H: row - 12, Class: "bar",
			Label: clip(g.Group, 10), LX: labelW - 8, LY: y + row/2 + 5, LAnchor: "end",
			Value: v, VX: labelW + bw + 6, VY: y + row/2 + 5, VAnchor: "start",
			Title: g.Group + "：平均" + v + "分（" + strconv.Itoa(g.N) + "人）"})
	}
	c.Axis = []Line{{labelW, 2, labelW, c.H - 2}}
	return c
}

// clip shortens a label to n characters; the bar's title keeps it whole.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// memberBar is one quarter of a member's chart.
type memberBar struct {
	Label  string
	Value  model.Points
	Draft  bool
	Absent bool
}

// memberChart draws a member's quarter totals as small columns.
func memberChart(title string, bars []memberBar, max model.Points) *Chart {
	const h, top, bottom, slot = 150, 22, 26, 80
	w := slot*len(bars) + 20
	if w < 180 {
		w = 180
	}
	c := &Chart{ID: "member-chart", Title: title, W: w, H: h}
	plot := h - top - bottom
	for i, b := range bars {
		x := 10 + i*slot + slot/4
		bw := slot / 2
		bar := Bar{Label: b.Label, LX: x + bw/2, LY: h - 8, LAnchor: "middle", VAnchor: "middle", X: x, W: bw}
		switch {
		case b.Absent:
			bar.Value, bar.Title = "未参加", b.Label+"：未参加积分管理"
			bar.Y, bar.H, bar.VX, bar.VY, bar.Class = top+plot, 0, x+bw/2, top+plot-6, "bar absent"
		default:
			bh := scale(b.Value.Rat(), max.Rat(), plot)
			bar.Y, bar.H = top+plot-bh, bh
			bar.Value, bar.VX, bar.VY = b.Value.String(), x+bw/2, top+plot-bh-6
			bar.Class, bar.Title = "bar", b.Label+"："+b.Value.String()+"分"
			if b.Draft {
				bar.Class, bar.Title = "bar draft", bar.Title+"（未公示草稿）"
			}
		}
		c.Bars = append(c.Bars, bar)
	}
	c.Axis = []Line{{4, top + plot, w - 4, top + plot}}
	return c
}
