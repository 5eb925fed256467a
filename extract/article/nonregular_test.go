//go:build unix

package article

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// mkfifo makes a named pipe at dir/name. Opening it for reading blocks
// until a writer comes, which none will.
func mkfifo(t testing.TB, dir, name string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	return p
}

func TestReadSkipsWhatIsNotARegularFile(t *testing.T) {
	dir := t.TempDir()
	article := writeFile(t, dir, "folder/a.txt", []byte("title: Vote\n\nThe count in the northern districts was delayed by a flood of false reports, officials said on Monday.\n"))
	fifoInFolder := mkfifo(t, filepath.Join(dir, "folder"), "b.txt")
	fifoPath := mkfifo(t, dir, "fifo.txt")
	sock := filepath.Join(dir, "folder", "c.sock")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	link := filepath.Join(dir, "link.txt")
	if err := os.Symlink(fifoPath, link); err != nil {
		t.Fatal(err)
	}

	var res runResult
	withinDeadline(t, 30*time.Second, func() {
		res = read(t, Options{}, fifoPath, filepath.Join(dir, "folder"), link, "/dev/null")
	})
	if res.err != nil {
		t.Fatal(res.err)
	}
	if len(res.articles) != 1 || res.articles[0].Sources[0] != article {
		t.Errorf("articles from %v, want only %s", res.sources(), article)
	}
	want := map[string]string{
		fifoPath:     "named pipe",
		fifoInFolder: "named pipe",
		sock:         "socket",
		link:         "named pipe",
		"/dev/null":  "device",
	}
	for _, s := range res.skips {
		kind, ok := want[s.Source]
		if !ok {
			t.Errorf("unexpected skip %s", s)
			continue
		}
		delete(want, s.Source)
		if s.Reason != ReasonNotRegular || !strings.Contains(s.Detail, kind) {
			t.Errorf("skip = %q, want %s naming a %s", s, ReasonNotRegular, kind)
		}
	}
	for src := range want {
		t.Errorf("%s not skipped", src)
	}
	if n := res.sum.Skipped[ReasonNotRegular]; n != 5 {
		t.Errorf("summary counts %d %s, want 5", n, ReasonNotRegular)
	}
}
