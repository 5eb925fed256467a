package main

import (
	"bufio"
	"bytes"
	"debug/elf"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// instruction is one Dockerfile instruction, continuation lines joined.
type instruction struct {
	cmd  string // upper case: FROM, RUN, COPY...
	args string
}

// dockerStage is one FROM and the instructions under it.
type dockerStage struct {
	from  string // the FROM line's arguments
	name  string // the AS name, if any
	steps []instruction
}

// parseDockerfile splits a Dockerfile into the ARGs before the first FROM
// and its stages. It knows enough of the syntax for the project's file:
// comments, line continuations, one instruction per logical line.
func parseDockerfile(t testing.TB, path string) (args map[string]string, stages []dockerStage) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	args = map[string]string{}
	var logical []string
	var cur strings.Builder
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "#") || (line == "" && cur.Len() == 0) {
			continue
		}
		if s, ok := strings.CutSuffix(line, `\`); ok {
			cur.WriteString(s + " ")
			continue
		}
		cur.WriteString(line)
		logical = append(logical, cur.String())
		cur.Reset()
	}
	if cur.Len() > 0 {
		t.Fatalf("%s: a continuation line ends the file", path)
	}
	for _, l := range logical {
		cmd, rest, _ := strings.Cut(l, " ")
		in := instruction{cmd: strings.ToUpper(cmd), args: strings.TrimSpace(rest)}
		switch {
		case in.cmd == "FROM":
			st := dockerStage{from: in.args}
			if f := strings.Fields(in.args); len(f) == 3 && strings.EqualFold(f[1], "AS") {
				st.from, st.name = f[0], f[2]
			}
			stages = append(stages, st)
		case len(stages) == 0 && in.cmd == "ARG":
			k, v, _ := strings.Cut(in.args, "=")
			args[k] = v
		case len(stages) == 0:
			t.Fatalf("%s: %s before the first FROM", path, in.cmd)
		default:
			stages[len(stages)-1].steps = append(stages[len(stages)-1].steps, in)
		}
	}
	return args, stages
}

// makeVariable returns the default a Makefile gives NAME (NAME ?= value).
func makeVariable(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile("../../Makefile")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^` + name + `\s*\??=\s*(\S+)\s*$`).FindSubmatch(b)
	if m == nil {
		t.Fatalf("Makefile: no %s ?= line", name)
	}
	return string(m[1])
}

// cronJobPod is the part of deploy/kubernetes/cronjob.yaml that says what
// runs and with which secrets.
type cronJobPod struct {
	SecurityContext struct {
		RunAsNonRoot bool `yaml:"runAsNonRoot"`
		RunAsUser    int  `yaml:"runAsUser"`
	} `yaml:"securityContext"`
	Containers []struct {
		Image   string   `yaml:"image"`
		Command []string `yaml:"command"`
		Args    []string `yaml:"args"`
		Env     []struct {
			Name      string `yaml:"name"`
			Value     string `yaml:"value"`
			ValueFrom any    `yaml:"valueFrom"`
		} `yaml:"env"`
		VolumeMounts []struct {
			Name      string `yaml:"name"`
			MountPath string `yaml:"mountPath"`
		} `yaml:"volumeMounts"`
	} `yaml:"containers"`
	Volumes []struct {
		Name   string `yaml:"name"`
		Secret *struct {
			SecretName string `yaml:"secretName"`
		} `yaml:"secret"`
	} `yaml:"volumes"`
}

func readCronJobPod(t testing.TB) cronJobPod {
	t.Helper()
	b, err := os.ReadFile("../../deploy/kubernetes/cronjob.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Spec struct {
			JobTemplate struct {
				Spec struct {
					Template struct {
						Spec cronJobPod `yaml:"spec"`
					} `yaml:"template"`
				} `yaml:"spec"`
			} `yaml:"jobTemplate"`
		} `yaml:"spec"`
	}
	if err := yaml.Unmarshal(b, &doc); err != nil {
		t.Fatalf("cronjob.yaml: %v", err)
	}
	pod := doc.Spec.JobTemplate.Spec.Template.Spec
	if len(pod.Containers) != 1 {
		t.Fatalf("cronjob.yaml: %d containers, want 1", len(pod.Containers))
	}
	return pod
}

// TestDockerfile checks what can be checked of the image without a
// container runtime: a build stage compiling ./cmd/influencegraph with
// CGO_ENABLED=0, a runtime stage that copies only the binary, onto PATH,
// runs it as the non-root uid the CronJob asks for, and has the shell the
// CronJob's command needs; the Go version is go.mod's, and the image the
// CronJob runs is the one `make image` builds.
func TestDockerfile(t *testing.T) {
	args, stages := parseDockerfile(t, "../../Dockerfile")
	if len(stages) < 2 {
		t.Fatalf("Dockerfile has %d stage(s); want a build stage and a runtime stage", len(stages))
	}
	build, final := stages[0], stages[len(stages)-1]
	if build.name == "" || !strings.HasPrefix(build.from, "golang:") {
		t.Errorf("first stage FROM %s AS %q; want a named golang stage", build.from, build.name)
	}

	goMod, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^go (\S+)$`).FindSubmatch(goMod)
	if m == nil || args["GO_VERSION"] != string(m[1]) || !strings.Contains(build.from, "${GO_VERSION}") {
		t.Errorf("build stage FROM %s with GO_VERSION=%q; want go.mod's go %s", build.from, args["GO_VERSION"], m[1])
	}

	compiles := false
	for _, in := range build.steps {
		if in.cmd == "RUN" && strings.Contains(in.args, "go build") {
			for _, want := range []string{"CGO_ENABLED=0", "./cmd/influencegraph", "-X main.version="} {
				if !strings.Contains(in.args, want) {
					t.Errorf("build stage: %q lacks %s", in.args, want)
				}
			}
			compiles = true
		}
	}
	if !compiles {
		t.Errorf("build stage runs no go build")
	}

	var user string
	copied := false
	for _, in := range final.steps {
		switch in.cmd {
		case "USER":
			user = in.args
		case "COPY":
			if !strings.HasPrefix(in.args, "--from="+build.name+" ") {
				t.Errorf("runtime stage: COPY %s; want only the binary from the %s stage", in.args, build.name)
			}
			if strings.HasSuffix(in.args, " /usr/local/bin/influencegraph") {
				copied = true
			}
		}
	}
	if !copied {
		t.Errorf("runtime stage does not copy the binary to /usr/local/bin/influencegraph (the CronJob runs influencegraph from PATH)")
	}
	uid, _, _ := strings.Cut(user, ":")
	n, err := strconv.Atoi(uid)
	if err != nil || n == 0 {
		t.Errorf("runtime stage USER %q; want a numeric non-root uid (runAsNonRoot can only check a number)", user)
	}

	pod := readCronJobPod(t)
	if !pod.SecurityContext.RunAsNonRoot || pod.SecurityContext.RunAsUser != n {
		t.Errorf("cronjob.yaml runs as uid %d (runAsNonRoot %v); the image's user is %d",
			pod.SecurityContext.RunAsUser, pod.SecurityContext.RunAsNonRoot, n)
	}
	c := pod.Containers[0]
	if len(c.Command) > 0 && c.Command[0] == "/bin/sh" {
		if base := strings.Fields(final.from)[0]; base == "scratch" || strings.Contains(base, "distroless") {
			t.Errorf("cronjob.yaml runs /bin/sh, which the runtime image %s lacks", base)
		}
	}
	name, _, _ := strings.Cut(c.Image, "@")
	if i := strings.LastIndex(name, ":"); i > strings.LastIndex(name, "/") {
		name = name[:i]
	}
	if want := makeVariable(t, "IMAGE"); name != want {
		t.Errorf("cronjob.yaml runs image %s; make image builds %s", c.Image, want)
	}
}

// TestDeployPasswordFromFile checks that every scheduler example takes the
// Neo4j password from a file that a secret store provides (a Kubernetes
// Secret volume, a systemd credential), never from a value in the example
// itself: an environment value shows in `kubectl describe`, `systemctl
// show` and /proc.
func TestDeployPasswordFromFile(t *testing.T) {
	password := regexp.MustCompile(`(?i)\b(INFLUENCEGRAPH_)?NEO4J_PASSWORD\s*=|--neo4j-password\b|NEO4J_AUTH`)
	for _, f := range []string{
		"../../deploy/cron/influencegraph.cron",
		"../../deploy/systemd/influencegraph-load.service",
		"../../deploy/kubernetes/cronjob.yaml",
		"../../deploy/kubernetes/extract-shards.yaml",
	} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(b), "\n") {
			if !strings.HasPrefix(strings.TrimSpace(line), "#") && password.MatchString(line) {
				t.Errorf("%s:%d: a password value: %s", f, i+1, line)
			}
		}
		if !strings.Contains(string(b), "NEO4J_PASSWORD_FILE") {
			t.Errorf("%s does not name the password file (NEO4J_PASSWORD_FILE)", f)
		}
	}

	t.Run("systemd", func(t *testing.T) {
		b, err := os.ReadFile("../../deploy/systemd/influencegraph-load.service")
		if err != nil {
			t.Fatal(err)
		}
		cred := regexp.MustCompile(`(?m)^LoadCredential=([^:\s]+):(/\S+)$`).FindSubmatch(b)
		if cred == nil {
			t.Fatal("no LoadCredential=NAME:/path line")
		}
		want := "Environment=NEO4J_PASSWORD_FILE=%d/" + string(cred[1])
		if !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(want) + `$`).Match(b) {
			t.Errorf("the unit does not point NEO4J_PASSWORD_FILE at its credential: want %q", want)
		}
	})

	t.Run("kubernetes", func(t *testing.T) {
		pod := readCronJobPod(t)
		c := pod.Containers[0]
		secrets := map[string]bool{}
		for _, v := range pod.Volumes {
			if v.Secret != nil && v.Secret.SecretName != "" {
				secrets[v.Name] = true
			}
		}
		var file string
		for _, e := range c.Env {
			if strings.Contains(e.Name, "PASSWORD") && e.Name != "NEO4J_PASSWORD_FILE" {
				t.Errorf("env %s: the password must come as a file, not a variable", e.Name)
			}
			if e.Name == "NEO4J_PASSWORD_FILE" {
				file = e.Value
			}
		}
		fromSecret := false
		for _, vm := range c.VolumeMounts {
			if secrets[vm.Name] && strings.HasPrefix(file, strings.TrimSuffix(vm.MountPath, "/")+"/") {
				fromSecret = true
			}
		}
		if !fromSecret {
			t.Errorf("NEO4J_PASSWORD_FILE=%q is not in a mounted Secret volume", file)
		}
	})
}

// TestStaticBinaryRunsAlone builds the command as the Dockerfile does and
// runs it on an example from a directory holding nothing of the project:
// the binary must be static (no ELF interpreter, so it runs on any base
// image) and carry the knowledge base and relation model it needs.
func TestStaticBinaryRunsAlone(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "influencegraph")
	build := exec.Command("go", "build", "-buildvcs=false", "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS=linux")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	f, err := elf.Open(bin)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			t.Errorf("the binary asks for a dynamic loader; it must be static")
		}
	}
	f.Close()

	examples, err := filepath.Glob("../../examples/*.txt")
	if err != nil || len(examples) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	b, err := os.ReadFile(examples[0])
	if err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	if err := os.WriteFile(filepath.Join(work, "article.txt"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "extract", "article.txt")
	cmd.Dir = work
	cmd.Env = []string{"HOME=" + work, "XDG_CONFIG_HOME=" + work, "XDG_CACHE_HOME=" + work}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("extract: %v\n%s", err, stderr.String())
	}
	if !bytes.Contains(out, []byte(`"kind":"relation"`)) || !bytes.Contains(out, []byte(`"relation_model":"relation-lr-`)) {
		t.Errorf("extract without the source tree found no relation from the embedded model:\n%s", out)
	}
}
