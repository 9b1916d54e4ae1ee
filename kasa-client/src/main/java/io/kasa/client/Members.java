package io.kasa.client;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.util.Map;
import java.util.Objects;

/**
 * Paywall's Member API ({@code /api/paywall/member}, public key pair, marketplace envelope):
 * the merchant's marketplace members. A refusal is a {@link KasaException} whose
 * {@link KasaException#errorCode()} is Paywall's code (198 unknown member, 200–236 a broken
 * field, see {@code docs/members.md}) and whose {@link KasaException#httpStatus()} agrees.
 * Thread-safe; obtain from {@link KasaClient#members()}.
 */
public final class Members {

    static final String PATH = "/api/paywall/member";

    private record Change(long id, @JsonUnwrapped MemberDetails member) {
    }

    private record ById(long id) {
    }

    private record ByExternalId(String memberExternalId) {
    }

    private final KasaClient client;

    Members(KasaClient client) {
        this.client = client;
    }

    /** POST {@code /api/paywall/member}: creates a member and answers it with its {@code Id} and {@code InsertDateTime}. */
    public Member create(MemberDetails member) {
        Objects.requireNonNull(member, "member");
        return client.post(PATH, member, Member.class);
    }

    /**
     * PUT {@code /api/paywall/member}: replaces the member's details; its bank accounts and
     * value date only when {@code member} carries them. Answers the member as updated.
     */
    public Member update(long memberId, MemberDetails member) {
        Objects.requireNonNull(member, "member");
        return client.put(PATH, new Change(memberId, member), Member.class);
    }

    /** DELETE {@code /api/paywall/member} with {@code Id}: later calls with this id answer 198. */
    public void delete(long memberId) {
        client.delete(PATH, new ById(memberId), Void.class);
    }

    /** DELETE {@code /api/paywall/member} with {@code MemberExternalId}, the alternative Paywall allows. */
    public void deleteByExternalId(String memberExternalId) {
        Objects.requireNonNull(memberExternalId, "memberExternalId");
        client.delete(PATH, new ByExternalId(memberExternalId), Void.class);
    }

    /** GET {@code /api/paywall/member/detail} with header {@code memberid}. */
    public Member get(long memberId) {
        return client.get(PATH + "/detail", Map.of("memberid", Long.toString(memberId)), Member.class);
    }

    /**
     * GET {@code /api/paywall/member} with headers {@code start} (0-based offset) and
     * {@code length} (1–50): the members in the order they were created, and how many there are.
     */
    public MemberList list(int start, int length) {
        return client.get(PATH, Map.of("start", Integer.toString(start), "length", Integer.toString(length)),
                MemberList.class);
    }
}
