package io.kasa.client;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.math.BigDecimal;
import java.util.List;
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

    private record NewBankAccount(long memberId, int currencyId, String title, String iban) {
    }

    private record ChangedBankAccount(long id, int currencyId, String title, String iban) {
    }

    private record NewValueDate(long memberId, int calculationType, int calculationValue, BigDecimal commission) {
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
     * {@code length} (1–50): the members in the order they were created ({@code Body} is a bare
     * array, as Paywall's page shows it).
     */
    public List<Member> list(int start, int length) {
        return List.copyOf(client.<List<Member>>getWithHeaders(PATH,
                Map.of("start", Integer.toString(start), "length", Integer.toString(length)), KasaJson.listOf(Member.class)));
    }

    /**
     * POST {@code /api/paywall/member/bankaccount}: adds {@code account} (its
     * {@code currencyId}, {@code title}, {@code iban}) to the member; 226 when the member
     * already has an account in that currency.
     */
    public MemberBankAccount addBankAccount(long memberId, BankAccount account) {
        Objects.requireNonNull(account, "account");
        return client.post(PATH + "/bankaccount",
                new NewBankAccount(memberId, account.currencyId(), account.title(), account.iban()), MemberBankAccount.class);
    }

    /** PUT {@code /api/paywall/member/bankaccount}: replaces the account's currency, title and IBAN (224 for an unknown account). */
    public MemberBankAccount updateBankAccount(long bankAccountId, BankAccount account) {
        Objects.requireNonNull(account, "account");
        return client.put(PATH + "/bankaccount",
                new ChangedBankAccount(bankAccountId, account.currencyId(), account.title(), account.iban()),
                MemberBankAccount.class);
    }

    /** DELETE {@code /api/paywall/member/bankaccount} with {@code Id}. */
    public void deleteBankAccount(long bankAccountId) {
        client.delete(PATH + "/bankaccount", new ById(bankAccountId), Void.class);
    }

    /** GET {@code /api/paywall/member/bankaccount} with header {@code memberid}: the member's accounts, by currency. */
    public List<MemberBankAccount> bankAccounts(long memberId) {
        return List.copyOf(client.<List<MemberBankAccount>>getWithHeaders(PATH + "/bankaccount",
                Map.of("memberid", Long.toString(memberId)), KasaJson.listOf(MemberBankAccount.class)));
    }

    /** GET {@code /api/paywall/member/valuedate} with header {@code memberid}; null while the member has none. */
    public MemberValueDate valueDate(long memberId) {
        return client.getOptional(PATH + "/valuedate", Map.of("memberid", Long.toString(memberId)), MemberValueDate.class);
    }

    /** POST {@code /api/paywall/member/valuedate}: sets the member's value date, overwriting one it has (its id stays). */
    public MemberValueDate setValueDate(long memberId, ValueDate valueDate) {
        Objects.requireNonNull(valueDate, "valueDate");
        return client.post(PATH + "/valuedate", new NewValueDate(memberId, valueDate.calculationType(),
                valueDate.calculationValue(), valueDate.commission()), MemberValueDate.class);
    }

    /**
     * GET {@code /api/paywall/member/search}: the members matching every criterion given
     * ({@code criteria} keys are the lower-case headers {@code memberexternalid},
     * {@code membername}, {@code memberemail}, {@code memberphone},
     * {@code memberidentitynumber}; header values are ISO-8859-1 text), oldest first, from {@code start}, at most {@code length}.
     */
    public List<Member> search(Map<String, String> criteria, int start, int length) {
        Map<String, String> inputs = new java.util.LinkedHashMap<>(criteria);
        inputs.put("start", Integer.toString(start));
        inputs.put("length", Integer.toString(length));
        return List.copyOf(client.<List<Member>>getWithHeaders(PATH + "/search", inputs, KasaJson.listOf(Member.class)));
    }
}
