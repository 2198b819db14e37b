package org.prioritytracker.notification.stream;

import java.util.ArrayList;
import java.util.function.Predicate;

/** The open streams that share one filter: the hub checks the filter once per event, not once per stream. */
final class Group {

    final StreamFilter filter;
    private final ArrayList<StreamSubscriber> members = new ArrayList<>();

    Group(StreamFilter filter) {
        this.filter = filter;
    }

    void add(StreamSubscriber subscriber) {
        subscriber.group = this;
        subscriber.indexInGroup = members.size();
        members.add(subscriber);
    }

    /**
     * Calls {@code keep} on every member, newest first; a member for which it answers false leaves the
     * group (its place taken by the last, which was already visited).
     */
    void forEach(Predicate<StreamSubscriber> keep) {
        for (int i = members.size() - 1; i >= 0; i--) {
            StreamSubscriber member = members.get(i);
            if (!keep.test(member)) {
                remove(i);
            }
        }
    }

    int size() {
        return members.size();
    }

    private void remove(int index) {
        StreamSubscriber gone = members.get(index);
        StreamSubscriber last = members.remove(members.size() - 1);
        if (last != gone) {
            members.set(index, last);
            last.indexInGroup = index;
        }
        gone.group = null;
        gone.indexInGroup = -1;
    }
}
