// A small TopoJSON reader (enough for Natural Earth's world-atlas): arcs are delta-encoded and
// quantised; a ring is a list of arc indexes, ~i meaning arc i reversed.

function decodeArcs(topology) {
  const t = topology.transform;
  return topology.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map(([dx, dy]) => {
      if (t) {
        x += dx;
        y += dy;
        return [x * t.scale[0] + t.translate[0], y * t.scale[1] + t.translate[1]];
      }
      return [dx, dy];
    });
  });
}

function ring(indexes, arcs) {
  const points = [];
  for (const index of indexes) {
    const arc = index < 0 ? arcs[~index].slice().reverse() : arcs[index];
    points.push(...(points.length ? arc.slice(1) : arc));
  }
  return points;
}

// Every polygon ring ([lon, lat] lists) of a GeometryCollection, per geometry.
export function polygons(topology, objectName) {
  const arcs = decodeArcs(topology);
  const object = topology.objects[objectName];
  const out = [];
  for (const g of object.geometries || []) {
    const polys = g.type === "Polygon" ? [g.arcs] : g.type === "MultiPolygon" ? g.arcs : [];
    out.push({ id: g.id, name: (g.properties || {}).name, rings: polys.flatMap((p) => p.map((r) => ring(r, arcs))) });
  }
  return out;
}
