// Package learn trains and measures the relation model on annotated
// articles: it runs the offline pipeline over each article, labels its
// candidates from the gold file, trains the model (relation/model), and
// cross-validates it by article, reporting the scores the project's
// scorer would give, per type, and how many gold relations the
// candidates can reach.
package learn

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"

	"github.com/influencegraph/influencegraph/extract/article"
	"github.com/influencegraph/influencegraph/extract/gold"
	"github.com/influencegraph/influencegraph/extract/kb"
	"github.com/influencegraph/influencegraph/extract/relation"
	"github.com/influencegraph/influencegraph/extract/relation/model"
	"github.com/influencegraph/influencegraph/extract/resolve"
	"github.com/influencegraph/influencegraph/extract/rulebased"
)

// Doc is one annotated article, analysed: its candidates with features
// and labels, and what scoring needs.
type Doc struct {
	Name   string
	Doc    *resolve.Doc
	Rules  []relation.Relation
	Cands  []relation.Featurized
	Labels [][model.NumTypes]int8
	// Keys maps entity indices of Doc to gold keys ("" when none).
	Keys []string
	// Required and Optional are the gold relations.
	Required, Optional map[gold.Triple]bool
	// Entity counts against the gold: matched, spurious, missed.
	EntTP, EntFP, EntFN int
	// Reach counts the required relations by why the candidates reach
	// them or not.
	Reach Reach
	// Elections are the article's elections whose country the text does
	// not give, as choices among candidate countries labelled by the
	// gold, with the rules' election countries: what the election
	// chooser learns from.
	Elections []model.Choice
	// Years are the article's elections whose year the text does not
	// give, in an article of unknown date, as choices among the years
	// it names labelled by the gold: what the year chooser learns from.
	Years []model.Choice
}

// Reach counts required gold relations: those a candidate joins, those
// with an end no entity of the article matches, and those whose two
// ends are found but never meet within the window.
type Reach struct {
	Reached, MissingEntity, TooFar int
}

// Add adds o to r.
func (r *Reach) Add(o Reach) {
	r.Reached += o.Reached
	r.MissingEntity += o.MissingEntity
	r.TooFar += o.TooFar
}

// Total is the number of required relations counted.
func (r Reach) Total() int { return r.Reached + r.MissingEntity + r.TooFar }

// Build analyses the annotated articles of the gold folders with x.
// Articles that cannot be read or analysed are returned in skipped with
// the reason; the rest are analysed on all cores, in folder and name
// order.
func Build(ctx context.Context, x *rulebased.Extractor, dirs []string) (docs []*Doc, skipped []error, err error) {
	arts, err := load(dirs)
	if err != nil {
		return nil, nil, err
	}
	return analyseAll(ctx, arts, func(gold.Article) *rulebased.Extractor { return x })
}

func load(dirs []string) ([]gold.Article, error) {
	var arts []gold.Article
	for _, dir := range dirs {
		as, err := gold.Load(dir)
		if err != nil {
			return nil, err
		}
		arts = append(arts, as...)
	}
	return arts, nil
}

// ChooserFolds is how many folds BuildCrossFitted learns election
// choosers on.
const ChooserFolds = 5

// Choices are the election choices the choosers learn from: the
// country of an election the text names without one, and the year of
// one it dates nowhere.
type Choices struct{ Country, Year []model.Choice }

// Choosers are the election choosers an extractor resolves with; nil
// leaves a choice to the rules.
type Choosers struct{ Country, Year *model.Chooser }

// train learns both choosers from c; a chooser with nothing to learn
// from is nil.
func (c Choices) train(opts model.Options) (Choosers, error) {
	var out Choosers
	for _, v := range []struct {
		choices []model.Choice
		into    **model.Chooser
	}{{c.Country, &out.Country}, {c.Year, &out.Year}} {
		if len(v.choices) == 0 {
			continue
		}
		ch, err := model.TrainChooser(v.choices, opts)
		if err != nil {
			return Choosers{}, err
		}
		*v.into = ch
	}
	return out, nil
}

// add appends d's choices to c.
func (c *Choices) add(d *Doc) {
	c.Country = append(c.Country, d.Elections...)
	c.Year = append(c.Year, d.Years...)
}

// BuildCrossFitted analyses the annotated articles of the gold folders as
// an extractor with election choosers would, without ever using a
// chooser that learned from the article itself: it analyses them first
// with the rules' election countries and years, learns choosers per fold
// by article from the other folds' choices and the extra ones, and
// analyses each article again with its fold's choosers. It returns the
// docs and the choosers learned from all the choices (the docs' and
// extra), the ones a model ships with.
func BuildCrossFitted(ctx context.Context, x *rulebased.Extractor, dirs []string, extra Choices, opts model.Options) (docs []*Doc, all Choosers, skipped []error, err error) {
	arts, err := load(dirs)
	if err != nil {
		return nil, Choosers{}, nil, err
	}
	first, skipped, err := analyseAll(ctx, arts, func(gold.Article) *rulebased.Extractor { return x })
	if err != nil {
		return nil, Choosers{}, nil, err
	}
	byName := map[string]*Doc{}
	everything := extra.clone()
	for _, d := range first {
		byName[d.Name] = d
		everything.add(d)
	}
	if all, err = everything.train(opts); err != nil {
		return nil, Choosers{}, nil, err
	}
	xs := make([]*rulebased.Extractor, ChooserFolds)
	for f := range xs {
		train := extra.clone()
		for _, d := range first {
			if Fold(d.Name, ChooserFolds) != f {
				train.add(d)
			}
		}
		c, err := train.train(opts)
		if err != nil {
			return nil, Choosers{}, nil, err
		}
		xs[f] = x.WithElectionChoosers(c.Country, c.Year)
	}
	docs, skipped, err = analyseAll(ctx, arts, func(ga gold.Article) *rulebased.Extractor { return xs[Fold(ga.Name, ChooserFolds)] })
	if err != nil {
		return nil, Choosers{}, nil, err
	}
	for _, d := range docs {
		// the rules' choices, which the choosers learn from
		d.Elections, d.Years = byName[d.Name].Elections, byName[d.Name].Years
	}
	return docs, all, skipped, nil
}

// clone is a copy of c whose slices appends do not share.
func (c Choices) clone() Choices {
	return Choices{Country: slices.Clone(c.Country), Year: slices.Clone(c.Year)}
}

// analyseAll analyses arts, each with the extractor pick gives it.
func analyseAll(ctx context.Context, arts []gold.Article, pick func(gold.Article) *rulebased.Extractor) (docs []*Doc, skipped []error, err error) {
	docs = make([]*Doc, len(arts))
	errs := make([]error, len(arts))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := article.NewReader(article.Options{AllowNonEnglish: true})
			for i := range next {
				docs[i], errs[i] = analyse(ctx, pick(arts[i]), r, arts[i])
			}
		}()
	}
	for i := range arts {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	out := docs[:0]
	for i, d := range docs {
		if errs[i] != nil {
			skipped = append(skipped, fmt.Errorf("%s: %w", arts[i].Text, errs[i]))
			continue
		}
		out = append(out, d)
	}
	return out, skipped, nil
}

var errNoArticle = errors.New("not read as an article")

func analyse(ctx context.Context, x *rulebased.Extractor, r *article.Reader, ga gold.Article) (*Doc, error) {
	var a *article.Article
	_, err := r.Read(ctx, []string{ga.Text}, func(got article.Article) error {
		a = &got
		return nil
	})
	if err != nil {
		return nil, err
	}
	if a == nil {
		return nil, errNoArticle
	}
	an, err := x.Analyse(*a)
	if err != nil {
		return nil, err
	}
	d := &Doc{Name: ga.Name, Doc: an.Doc, Rules: an.Rules}
	d.Required, d.Optional = gold.Triples(ga.Gold)
	sys := sysEntities(an.Doc)
	keys, tp, fp := gold.Match(ga.Gold, sys)
	d.Keys = make([]string, len(an.Doc.Entities))
	for i, e := range an.Doc.Entities {
		if len(e.Mentions) > 0 {
			d.Keys[i] = keys[e.ID]
		}
	}
	d.EntTP, d.EntFP, d.EntFN = tp, fp, len(ga.Gold.Entities)-tp
	d.Elections = electionChoices(ga.Gold, an.Doc.CountryChoices)
	d.Years = yearChoices(ga.Gold, an.Doc.YearChoices)
	d.Cands = x.Finder().Featurize(an.Doc, relation.Candidates(an.Doc, an.Rules))
	d.Labels = make([][model.NumTypes]int8, len(d.Cands))
	met := map[[2]string]bool{}
	for i, c := range d.Cands {
		ka, kb := d.Keys[c.Source], d.Keys[c.Target]
		if ka != "" && kb != "" {
			met[[2]string{ka, kb}] = true
		}
		for t, typ := range relation.Types {
			d.Labels[i][t] = label(d, ka, typ, kb)
		}
	}
	found := map[string]bool{}
	for _, k := range d.Keys {
		found[k] = true
	}
	for tr := range d.Required {
		switch {
		case !found[tr.Source] || !found[tr.Target]:
			d.Reach.MissingEntity++
		case !met[[2]string{tr.Source, tr.Target}]:
			d.Reach.TooFar++
		default:
			d.Reach.Reached++
		}
	}
	return d, nil
}

// electionChoices labels the choices of an election's country by the
// gold: a candidate is right when the gold (required or optional) has an
// election in that country, of the mention's year when it has one.
func electionChoices(g gold.File, chs []resolve.CountryChoice) []model.Choice {
	var out []model.Choice
	for _, ch := range chs {
		right := func(i int, e gold.Entity) bool {
			return *e.Country == ch.Countries[i] && (ch.Year == 0 || e.Year == ch.Year)
		}
		if c, ok := goldChoice(g, ch.Features, right); ok {
			out = append(out, c)
		}
	}
	return out
}

// yearChoices labels the year choices of undated elections by the gold:
// a year is right when the gold (required or optional) has an election
// of the choice's country in that year.
func yearChoices(g gold.File, chs []resolve.YearChoice) []model.Choice {
	var out []model.Choice
	for _, ch := range chs {
		right := func(i int, e gold.Entity) bool { return *e.Country == ch.Country && e.Year == ch.Years[i] }
		if c, ok := goldChoice(g, ch.Features, right); ok {
			out = append(out, c)
		}
	}
	return out
}

// goldChoice labels the candidates of a choice, one per features entry,
// by the gold's elections (required or optional) with a country:
// candidate i is right when right(i, e) holds for one of them. ok is
// false when no candidate is right, or every one: such a choice teaches
// nothing and is left out.
func goldChoice(g gold.File, features [][]string, right func(i int, e gold.Entity) bool) (c model.Choice, ok bool) {
	c = model.Choice{Features: features, Labels: make([]int8, len(features))}
	n := 0
	for i := range c.Labels {
		for _, es := range [][]gold.Entity{g.Entities, g.OptionalEntities} {
			for _, e := range es {
				if e.Type == resolve.TypeElection && e.Country != nil && right(i, e) {
					c.Labels[i] = 1
				}
			}
		}
		n += int(c.Labels[i])
	}
	return c, n > 0 && n < len(c.Labels)
}

// label is 1 when the gold requires the relation (negated or not), -1
// when it lists it as optional, else 0.
func label(d *Doc, ka, typ, kb string) int8 {
	if ka == "" || kb == "" {
		return 0
	}
	for _, neg := range []bool{false, true} {
		if d.Required[gold.Triple{Source: ka, Type: typ, Target: kb, Negated: neg}] {
			return 1
		}
	}
	for _, neg := range []bool{false, true} {
		if d.Optional[gold.Triple{Source: ka, Type: typ, Target: kb, Negated: neg}] {
			return -1
		}
	}
	return 0
}

// sysEntities are the entities of d as the extract records give them.
func sysEntities(d *resolve.Doc) []gold.SysEntity {
	var out []gold.SysEntity
	for _, e := range d.Entities {
		if len(e.Mentions) == 0 {
			continue
		}
		s := gold.SysEntity{ID: e.ID, Type: e.Type, Name: e.Name, ISO2: e.ISO2, Country: e.Country, Year: e.Year}
		if e.Type == kb.TypeState {
			s.Country = ""
		}
		for _, a := range e.Aliases {
			if a != e.Name {
				s.Aliases = append(s.Aliases, a)
			}
		}
		out = append(out, s)
	}
	return out
}

// Examples are the training examples of samples.
func Examples(samples []*Sample) []model.Example {
	var out []model.Example
	for _, a := range samples {
		for _, c := range a.Cands {
			out = append(out, model.Example{Features: c.Features, Labels: c.Labels})
		}
	}
	return out
}
