"""Playing a module's scenarios: one page per step, the path taken recorded run by run."""
