// Dependency-graph checks for the feature catalog, kept apart from the data so a
// test can feed them a deliberately broken catalog.

export interface GraphNode {
  id: string;
  depends: readonly string[];
}

/**
 * The first dependency cycle found, as the ids along it with the first repeated at
 * the end (["a", "b", "a"]), or undefined when the graph is acyclic. Depth-first
 * with three colours; edges to unknown ids are ignored (dangling ids are a separate
 * check), so this never throws on a half-written catalog.
 */
export function findCycle(nodes: readonly GraphNode[]): string[] | undefined {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const state = new Map<string, 'active' | 'done'>();
  const path: string[] = [];

  const visit = (id: string): string[] | undefined => {
    const s = state.get(id);
    if (s === 'done') return undefined;
    if (s === 'active') return [...path.slice(path.indexOf(id)), id];
    state.set(id, 'active');
    path.push(id);
    for (const dep of byId.get(id)?.depends ?? []) {
      if (!byId.has(dep)) continue;
      const cycle = visit(dep);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(id, 'done');
    return undefined;
  };

  for (const n of nodes) {
    const cycle = visit(n.id);
    if (cycle) return cycle;
  }
  return undefined;
}

/** Everything `id` pulls in, directly or through other dependencies (not itself). */
export function transitiveDepends(nodes: readonly GraphNode[], id: string): Set<string> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const seen = new Set<string>();
  const queue = [...(byId.get(id)?.depends ?? [])];
  while (queue.length > 0) {
    const next = queue.shift()!;
    if (seen.has(next) || next === id) continue;
    seen.add(next);
    queue.push(...(byId.get(next)?.depends ?? []));
  }
  return seen;
}
