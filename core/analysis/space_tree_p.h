// SPDX-License-Identifier: GPL-3.0-or-later
// The quadtree of Barnes–Hut t-SNE (private to core): each cell knows how many points it holds
// and their centre of mass, so the repulsion of a distant cell is one term (van der Maaten,
// JMLR 2014, §4.2). Built once per iteration; read-only afterwards, so many threads may query it.
#pragma once

#include <vector>

namespace pluvia::core {

class SpaceTree
{
public:
    // `y`: n points, x0 y0 x1 y1 …
    SpaceTree(const std::vector<double> &y, int n);

    // The repulsion on point i: adds Σ N_c q_c² (y_i − c) over the cells c summarised (q_c =
    // 1 / (1 + |y_i − c|²), N_c the cell's point count) to force[0..1], and returns Σ N_c q_c,
    // point i's share of the normaliser Z. A cell is summarised when it is a leaf, or when its
    // larger side over its distance to y_i is below θ. Cells are rectangles: the root is the
    // points' bounding box and each split halves both sides, so in a map longer than it is wide
    // a cell spans less of the short side than a square would (a closer summary at the same θ,
    // as scikit-learn's tree). `stack` is scratch space.
    double repulsion(int i, double theta, double *force, std::vector<int> *stack) const;

private:
    struct Cell {
        double centreX, centreY, halfWidthX, halfWidthY;
        double massX = 0.0, massY = 0.0; // centre of mass
        int count = 0;
        int point = -1; // a leaf's point (when it holds one point, or coincident points)
        int firstChild = -1; // four children from here, or −1
    };
    void insert(int i);
    int quadrant(const Cell &cell, double x, double y) const;

    const std::vector<double> &m_y;
    std::vector<Cell> m_cells;
};

} // namespace pluvia::core
