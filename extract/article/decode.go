package article

import (
	"bytes"
	"encoding/binary"
	"unicode/utf16"
	"unicode/utf8"
)

// cp1252 maps the bytes 0x80-0x9F of Windows-1252 to runes; 0 marks the
// five bytes it leaves undefined. Bytes 0xA0-0xFF are Latin-1.
var cp1252 = [32]rune{
	'€', 0, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0, 'Ž', 0,
	0, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0, 'ž', 'Ÿ',
}

// Limits of decodeText: above maxReplacedShare of the runes replaced the
// text is taken as garbage; above maxControlShare of control bytes it is
// taken as binary.
const (
	maxReplacedShare = 0.10
	maxControlShare  = 0.02
)

// decodeText checks that data is text and returns it as valid UTF-8.
// A NUL byte, or many control bytes, mark binary input. Invalid UTF-8 is
// repaired byte by byte as Windows-1252 (the usual culprit: text pasted
// from legacy pages), undefined bytes become U+FFFD; repaired is the number
// of bytes so treated. Input mostly made of such bytes is refused.
func decodeText(data []byte) (text string, repaired int, err error) {
	if u, ok := fromUTF16(data); ok {
		data = u
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(data)) == 0 {
		return "", 0, skipf(ReasonEmpty, "no text")
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return "", 0, skipf(ReasonBinary, "NUL byte at offset %d", i)
	}
	controls := 0
	for _, c := range data {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			controls++
		}
	}
	if float64(controls) > maxControlShare*float64(len(data)) && controls > 2 {
		return "", 0, skipf(ReasonBinary, "%d control bytes", controls)
	}
	if utf8.Valid(data) {
		return string(data), 0, nil
	}
	var b bytes.Buffer
	b.Grow(len(data) + len(data)/8)
	runes := 0
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		runes++
		if r == utf8.RuneError && size == 1 {
			repaired++
			c := data[0]
			switch {
			case c >= 0xa0:
				b.WriteRune(rune(c))
			case c >= 0x80 && cp1252[c-0x80] != 0:
				b.WriteRune(cp1252[c-0x80])
			default:
				b.WriteRune(utf8.RuneError)
			}
		} else {
			b.Write(data[:size])
		}
		data = data[size:]
	}
	if float64(repaired) > maxReplacedShare*float64(runes) {
		return "", repaired, skipf(ReasonInvalidUTF8, "%d of %d characters are not UTF-8", repaired, runes)
	}
	return b.String(), repaired, nil
}

// fromUTF16 converts text that opens with a UTF-16 byte-order mark (as
// Windows editors save "Unicode" text) to UTF-8.
func fromUTF16(data []byte) ([]byte, bool) {
	if len(data) < 2 {
		return nil, false
	}
	var order binary.ByteOrder
	switch {
	case data[0] == 0xff && data[1] == 0xfe:
		order = binary.LittleEndian
	case data[0] == 0xfe && data[1] == 0xff:
		order = binary.BigEndian
	default:
		return nil, false
	}
	data = data[2:]
	units := make([]uint16, len(data)/2)
	for i := range units {
		units[i] = order.Uint16(data[2*i:])
	}
	var b bytes.Buffer
	b.Grow(len(data))
	for _, r := range utf16.Decode(units) {
		b.WriteRune(r)
	}
	return b.Bytes(), true
}
