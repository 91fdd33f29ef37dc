"""Results of a round: aggregation queries, perception gaps, round-to-round comparison, SVG charts."""
