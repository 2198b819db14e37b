package org.prioritytracker.task.item;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ItemPage", description = "One page of sub-items with the total number that match the filter")
public record ItemPage(List<ItemView> items, int page, int size, long total) {}
