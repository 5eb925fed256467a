package graph

import (
	"reflect"
	"testing"
)

func TestCombinedStatementsRenameParameters(t *testing.T) {
	a := stmtPart{"UNWIND $rows AS row\nMATCH (n {id: row.id})\nSET n.x = $x", map[string]any{"rows": []int{1}, "x": 2}}
	b := stmtPart{"UNWIND $ids AS id\nMATCH (n {id: id})\nREMOVE n._lock\nRETURN count(*) AS unlocked", map[string]any{"ids": []string{"a"}}}
	tests := []struct {
		name       string
		got        func() (string, map[string]any)
		want       string
		wantParams map[string]any
	}{
		{"in sequence", func() (string, map[string]any) { return inSequence(a, b) },
			"CALL {\nUNWIND $rows_0 AS row\nMATCH (n {id: row.id})\nSET n.x = $x_0\n}\n" +
				"CALL {\nUNWIND $ids_1 AS id\nMATCH (n {id: id})\nREMOVE n._lock\nRETURN count(*) AS unlocked_1\n}\n" +
				"RETURN unlocked_1 AS unlocked",
			map[string]any{"rows_0": []int{1}, "x_0": 2, "ids_1": []string{"a"}}},
		{"nothing returned", func() (string, map[string]any) { return inSequence(a) },
			"CALL {\nUNWIND $rows_0 AS row\nMATCH (n {id: row.id})\nSET n.x = $x_0\n}\nRETURN 0 AS unlocked",
			map[string]any{"rows_0": []int{1}, "x_0": 2}},
		{"nil lists go as empty lists", func() (string, map[string]any) {
			return inUnion(stmtPart{"UNWIND $rows AS row RETURN row", map[string]any{"rows": []map[string]any(nil)}},
				stmtPart{"UNWIND $ids AS row RETURN row", map[string]any{"ids": []string(nil)}})
		},
			"UNWIND $rows_0 AS row RETURN row\nUNION ALL\nUNWIND $ids_1 AS row RETURN row",
			map[string]any{"rows_0": []map[string]any{}, "ids_1": []string{}}},
		{"in union", func() (string, map[string]any) { return inUnion(b, b) },
			"UNWIND $ids_0 AS id\nMATCH (n {id: id})\nREMOVE n._lock\nRETURN count(*) AS unlocked\nUNION ALL\n" +
				"UNWIND $ids_1 AS id\nMATCH (n {id: id})\nREMOVE n._lock\nRETURN count(*) AS unlocked",
			map[string]any{"ids_0": []string{"a"}, "ids_1": []string{"a"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, params := tt.got()
			if q != tt.want {
				t.Errorf("statement\n%s\nwant\n%s", q, tt.want)
			}
			if !reflect.DeepEqual(params, tt.wantParams) {
				t.Errorf("parameters %v, want %v", params, tt.wantParams)
			}
		})
	}
}
