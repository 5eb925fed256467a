package relevance

import "github.com/influencegraph/influencegraph/extract/article"

// articleOf is d as the article reader would give it.
func articleOf(d Doc) article.Article { return article.Article{Title: d.Title, Text: d.Text} }
