//go:build ignore

// icon.go draws jifen's icon (cmd/jifen/winres/icon*.png): a red rounded
// square with 积 in white, at the sizes Windows shows, from the font jifen
// ships. It needs golang.org/x/image, which jifen itself does not use, so
// it is kept out of the build; run it from a scratch module:
//
//	mkdir /tmp/icon && cp scripts/icon.go /tmp/icon/main.go && cd /tmp/icon
//	go mod init icon && go get golang.org/x/image@v0.12.0 && go mod tidy
//	go run main.go $OLDPWD/internal/pdf/font/wqy-microhei.ttf $OLDPWD/cmd/jifen/winres
package main

import (
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strconv"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

func main() {
	ttf, err := os.ReadFile(os.Args[1])
	if err != nil {
		panic(err)
	}
	f, err := opentype.Parse(ttf)
	if err != nil {
		panic(err)
	}
	for _, n := range []int{16, 24, 32, 48, 64, 128, 256} {
		img := image.NewRGBA(image.Rect(0, 0, n, n))
		// The rounded square, in the party red.
		s := float32(n)
		r := s * 0.16
		var z vector.Rasterizer
		z.Reset(n, n)
		z.MoveTo(r, 0)
		z.LineTo(s-r, 0)
		z.QuadTo(s, 0, s, r)
		z.LineTo(s, s-r)
		z.QuadTo(s, s, s-r, s)
		z.LineTo(r, s)
		z.QuadTo(0, s, 0, s-r)
		z.LineTo(0, r)
		z.QuadTo(0, 0, r, 0)
		z.ClosePath()
		z.Draw(img, img.Bounds(), image.NewUniform(color.RGBA{0xc8, 0x10, 0x1e, 0xff}), image.Point{})
		// 积, white, centred on its ink.
		face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: float64(n) * 0.80, DPI: 72, Hinting: font.HintingFull})
		if err != nil {
			panic(err)
		}
		b, _ := font.BoundString(face, "积")
		w, h := (b.Max.X - b.Min.X).Ceil(), (b.Max.Y - b.Min.Y).Ceil()
		d := font.Drawer{Dst: img, Src: image.NewUniform(color.White), Face: face,
			Dot: fixed.P((n-w)/2-b.Min.X.Floor(), (n-h)/2-b.Min.Y.Floor())}
		d.DrawString("积")
		out, err := os.Create(filepath.Join(os.Args[2], "icon"+strconv.Itoa(n)+".png"))
		if err != nil {
			panic(err)
		}
		if err := png.Encode(out, img); err != nil {
			panic(err)
		}
		out.Close()
	}
}
