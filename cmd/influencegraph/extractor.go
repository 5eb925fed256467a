package main

import (
	"github.com/influencegraph/influencegraph/config"
	"github.com/influencegraph/influencegraph/extract/kb"
	"github.com/influencegraph/influencegraph/extract/relation/model"
	"github.com/influencegraph/influencegraph/extract/rulebased"
)

// offlineExtractor builds the offline extractor of cfg: the knowledge
// base and the rules, with the relation model cfg.Model names deciding
// the relations (none: the rules decide alone).
func offlineExtractor(cfg config.Extract) (*rulebased.Extractor, error) {
	k, err := kb.Load(cfg.KnowledgeBase...)
	if err != nil {
		return nil, err
	}
	x, err := rulebased.New(k)
	if err != nil {
		return nil, err
	}
	var m *model.Model
	switch cfg.Model {
	case config.ModelNone:
		return x, nil
	case config.ModelBuiltin, "":
		m, err = model.Default()
	default:
		m, err = model.Load(cfg.Model)
	}
	if err != nil {
		return nil, err
	}
	return x.WithModel(m), nil
}
