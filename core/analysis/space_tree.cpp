// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/space_tree_p.h"

#include <algorithm>
#include <cmath>

namespace pluvia::core {

namespace {

// Cells narrower than this are not split further: coincident points share a leaf.
constexpr double kMinimumHalfWidth = 1e-12;

} // namespace

SpaceTree::SpaceTree(const std::vector<double> &y, int n)
    : m_y(y)
{
    double minX = y[0], maxX = y[0], minY = y[1], maxY = y[1];
    for (int i = 1; i < n; ++i) {
        minX = std::min(minX, y[2 * size_t(i)]);
        maxX = std::max(maxX, y[2 * size_t(i)]);
        minY = std::min(minY, y[2 * size_t(i) + 1]);
        maxY = std::max(maxY, y[2 * size_t(i) + 1]);
    }
    // Slightly larger than the bounding box, so no point lies on its border.
    const double halfX = std::max(maxX - minX, 1e-9) / 2.0 * (1.0 + 1e-6);
    const double halfY = std::max(maxY - minY, 1e-9) / 2.0 * (1.0 + 1e-6);
    m_cells.reserve(size_t(n) * 2);
    m_cells.push_back({ (minX + maxX) / 2.0, (minY + maxY) / 2.0, halfX, halfY });
    for (int i = 0; i < n; ++i)
        insert(i);
}

int SpaceTree::quadrant(const Cell &cell, double x, double y) const
{
    return (x > cell.centreX ? 1 : 0) + (y > cell.centreY ? 2 : 0);
}

void SpaceTree::insert(int i)
{
    const double x = m_y[2 * size_t(i)], y = m_y[2 * size_t(i) + 1];
    int index = 0;
    for (;;) {
        Cell &cell = m_cells[size_t(index)];
        // Running centre of mass.
        cell.massX = (cell.massX * cell.count + x) / (cell.count + 1);
        cell.massY = (cell.massY * cell.count + y) / (cell.count + 1);
        ++cell.count;
        if (cell.firstChild < 0) {
            if (cell.count == 1) {
                cell.point = i;
                return;
            }
            const double ox = m_y[2 * size_t(cell.point)], oy = m_y[2 * size_t(cell.point) + 1];
            if (std::max(cell.halfWidthX, cell.halfWidthY) < kMinimumHalfWidth
                || (ox == x && oy == y))
                return; // coincident points: the leaf counts them all
            // Split: move the leaf's point one level down, then go on with the new one.
            const int first = int(m_cells.size());
            const double hx = cell.halfWidthX / 2.0, hy = cell.halfWidthY / 2.0;
            const double cx = cell.centreX, cy = cell.centreY;
            const int old = cell.point;
            const int oldCount = cell.count - 1;
            m_cells[size_t(index)].firstChild = first;
            m_cells[size_t(index)].point = -1;
            for (int q = 0; q < 4; ++q)
                m_cells.push_back({ cx + ((q & 1) ? hx : -hx), cy + ((q & 2) ? hy : -hy), hx, hy });
            Cell &child = m_cells[size_t(first + quadrant(m_cells[size_t(index)], ox, oy))];
            child.point = old;
            child.count = oldCount;
            child.massX = ox;
            child.massY = oy;
        }
        const Cell &parent = m_cells[size_t(index)];
        index = parent.firstChild + quadrant(parent, x, y);
    }
}

double SpaceTree::repulsion(int i, double theta, double *force, std::vector<int> *stack) const
{
    const double x = m_y[2 * size_t(i)], y = m_y[2 * size_t(i) + 1];
    double z = 0.0, fx = 0.0, fy = 0.0;
    stack->clear();
    stack->push_back(0);
    while (!stack->empty()) {
        const Cell &cell = m_cells[size_t(stack->back())];
        stack->pop_back();
        if (cell.count == 0)
            continue;
        const double dx = x - cell.massX, dy = y - cell.massY;
        const double d2 = dx * dx + dy * dy;
        const bool leaf = cell.firstChild < 0;
        // The cell's diagonal, as in van der Maaten (2014, §4.2).
        const double diagonal2
            = 4.0 * (cell.halfWidthX * cell.halfWidthX + cell.halfWidthY * cell.halfWidthY);
        if (leaf || diagonal2 < theta * theta * d2) {
            // The point itself contributes nothing: it sits in its own leaf, at distance 0 (with
            // any points coincident with it).
            const int count = leaf && d2 == 0.0 ? cell.count - 1 : cell.count;
            if (count <= 0)
                continue;
            const double q = 1.0 / (1.0 + d2);
            z += count * q;
            fx += count * q * q * dx;
            fy += count * q * q * dy;
            continue;
        }
        for (int c = 0; c < 4; ++c)
            stack->push_back(cell.firstChild + c);
    }
    force[0] = fx;
    force[1] = fy;
    return z;
}

} // namespace pluvia::core
