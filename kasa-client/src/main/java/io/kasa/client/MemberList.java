package io.kasa.client;

import java.util.List;

/** One slice of the member list, {@code {Data, TotalRecord}}: {@code data} is never null. */
public record MemberList(List<Member> data, long totalRecord) {

    public MemberList {
        data = data == null ? List.of() : List.copyOf(data);
    }
}
