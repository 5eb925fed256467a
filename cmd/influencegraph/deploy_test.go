package main

import (
	"io"
	"os"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestDeployCommandLinesParse keeps the scheduler examples in deploy/ in
// step with the command: every `influencegraph load` and `influencegraph
// extract` line they hold must parse with the real flags.
func TestDeployCommandLinesParse(t *testing.T) {
	files := []string{
		"../../deploy/cron/influencegraph.cron",
		"../../deploy/systemd/influencegraph-load.service",
		"../../deploy/kubernetes/cronjob.yaml",
		"../../deploy/kubernetes/extract-shards.yaml",
	}
	for _, f := range files {
		t.Run(f, func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			found := 0
			for _, line := range strings.Split(string(b), "\n") {
				i := strings.Index(line, "influencegraph load ")
				want := "load"
				if j := strings.Index(line, "influencegraph extract "); i < 0 && j >= 0 {
					i, want = j, "extract"
				}
				if i < 0 || strings.HasPrefix(strings.TrimSpace(line), "#") {
					continue
				}
				cmdline := line[i+len("influencegraph "):]
				if j := strings.IndexAny(cmdline, "|>"); j >= 0 {
					cmdline = strings.TrimSuffix(strings.TrimSpace(cmdline[:j]), "2")
				}
				// The Indexed Job computes its shard in the shell.
				cmdline = strings.ReplaceAll(cmdline, `"$((JOB_COMPLETION_INDEX + 1))/4"`, "1/4")
				args := strings.Fields(cmdline)
				root := newRootCommand(&globalOptions{stdout: io.Discard, stderr: io.Discard})
				c, rest, err := root.Find(args)
				if err != nil || c.Name() != want {
					t.Fatalf("%q: not the %s command: %v", cmdline, want, err)
				}
				if err := c.ParseFlags(rest); err != nil {
					t.Errorf("%q: %v", cmdline, err)
				}
				if s, _ := c.Flags().GetString("shard"); s != "" {
					if _, _, err := parseShard(s); err != nil {
						t.Errorf("%q: %v", cmdline, err)
					}
				}
				if len(c.Flags().Args()) == 0 {
					t.Errorf("%q names no input", cmdline)
				}
				found++
			}
			if found == 0 {
				t.Errorf("no influencegraph load or extract command line found")
			}
		})
	}
}

func TestKubernetesCronJobIsWellFormed(t *testing.T) {
	b, err := os.ReadFile("../../deploy/kubernetes/cronjob.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Kind string `yaml:"kind"`
		Spec struct {
			Schedule    string `yaml:"schedule"`
			JobTemplate struct {
				Spec struct {
					CompletionMode string `yaml:"completionMode"`
					Completions    int    `yaml:"completions"`
				} `yaml:"spec"`
			} `yaml:"jobTemplate"`
		} `yaml:"spec"`
	}
	if err := yaml.Unmarshal(b, &doc); err != nil {
		t.Fatalf("cronjob.yaml: %v", err)
	}
	js := doc.Spec.JobTemplate.Spec
	if doc.Kind != "CronJob" || len(strings.Fields(doc.Spec.Schedule)) != 5 || js.CompletionMode != "Indexed" {
		t.Errorf("cronjob.yaml: kind %q, schedule %q, completion mode %q", doc.Kind, doc.Spec.Schedule, js.CompletionMode)
	}
	if !strings.Contains(string(b), "/"+strconv.Itoa(js.Completions)+`" --summary-json`) {
		t.Errorf("cronjob.yaml: --shard does not divide by the %d completions", js.Completions)
	}
}

// TestKubernetesExtractShardsIsWellFormed checks the sharded extraction
// example: an Indexed Job whose --shard divides by its completions, each
// pod writing its own file to the volume the load Job reads, the load Job
// suspended until the shards are done, both running the image and user of
// the CronJob.
func TestKubernetesExtractShardsIsWellFormed(t *testing.T) {
	b, err := os.ReadFile("../../deploy/kubernetes/extract-shards.yaml")
	if err != nil {
		t.Fatal(err)
	}
	type job struct {
		Kind     string `yaml:"kind"`
		Metadata struct {
			Name string `yaml:"name"`
		} `yaml:"metadata"`
		Spec struct {
			CompletionMode string `yaml:"completionMode"`
			Completions    int    `yaml:"completions"`
			Parallelism    int    `yaml:"parallelism"`
			Suspend        bool   `yaml:"suspend"`
			Template       struct {
				Spec cronJobPod `yaml:"spec"`
			} `yaml:"template"`
		} `yaml:"spec"`
	}
	var jobs []job
	dec := yaml.NewDecoder(strings.NewReader(string(b)))
	for {
		var j job
		if err := dec.Decode(&j); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("extract-shards.yaml: %v", err)
		}
		jobs = append(jobs, j)
	}
	if len(jobs) != 2 || jobs[0].Kind != "Job" || jobs[1].Kind != "Job" {
		t.Fatalf("extract-shards.yaml: want two Jobs, extract then load; got %d documents", len(jobs))
	}
	ex, ld := jobs[0].Spec, jobs[1].Spec
	if ex.CompletionMode != "Indexed" || ex.Completions < 2 || ex.Parallelism != ex.Completions {
		t.Errorf("extract Job: completion mode %q, %d completions, parallelism %d; want Indexed, n > 1 of them at once", ex.CompletionMode, ex.Completions, ex.Parallelism)
	}
	if len(ex.Template.Spec.Containers) != 1 || len(ld.Template.Spec.Containers) != 1 {
		t.Fatalf("extract-shards.yaml: want one container per Job")
	}
	exArgs := strings.Join(ex.Template.Spec.Containers[0].Args, " ")
	if !strings.Contains(exArgs, "--shard \"$((JOB_COMPLETION_INDEX + 1))/"+strconv.Itoa(ex.Completions)+"\"") {
		t.Errorf("extract Job: --shard does not divide by the %d completions: %s", ex.Completions, exArgs)
	}
	if !strings.Contains(exArgs, "> /extracted/shard-$i.jsonl.part") || !strings.Contains(exArgs, "mv /extracted/shard-$i.jsonl.part /extracted/shard-$i.jsonl") {
		t.Errorf("extract Job: each shard must write its own file and rename it once complete: %s", exArgs)
	}
	ldArgs := strings.Join(ld.Template.Spec.Containers[0].Args, " ")
	if !ld.Suspend || !strings.Contains(ldArgs, "/extracted/shard-*.jsonl") {
		t.Errorf("load Job: suspended %v, args %s; want suspended until the shards are done, loading their files", ld.Suspend, ldArgs)
	}
	mounts := func(p cronJobPod) map[string]string {
		m := map[string]string{}
		for _, vm := range p.Containers[0].VolumeMounts {
			m[vm.MountPath] = vm.Name
		}
		return m
	}
	if mounts(ex.Template.Spec)["/extracted"] == "" || mounts(ld.Template.Spec)["/extracted"] == "" {
		t.Errorf("both Jobs must mount the extracted volume at /extracted")
	}
	cron := readCronJobPod(t)
	for _, j := range jobs {
		p := j.Spec.Template.Spec
		if p.Containers[0].Image != cron.Containers[0].Image {
			t.Errorf("%s runs image %s; the CronJob (and make image) %s", j.Metadata.Name, p.Containers[0].Image, cron.Containers[0].Image)
		}
		if p.SecurityContext != cron.SecurityContext {
			t.Errorf("%s runs as %+v; the CronJob as %+v", j.Metadata.Name, p.SecurityContext, cron.SecurityContext)
		}
	}
}
