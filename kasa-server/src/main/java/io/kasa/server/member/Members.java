package io.kasa.server.member;

import io.kasa.server.cluster.NodeCache;
import io.kasa.server.cluster.NodeCaches;
import io.kasa.server.shared.BusinessTime;
import io.kasa.server.shared.KasaError;
import io.kasa.server.shared.KasaException;
import io.kasa.server.shared.MerchantId;
import io.kasa.server.shared.SqlTime;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A merchant's marketplace members. Every query is scoped to the merchant and sees only
 * members that are not deleted, so another merchant's member and a deleted one behave like
 * ids that never existed ({@code Member.NotFound}). External ids are unique per merchant
 * among members that are not deleted. Each change is one transaction: a refused one leaves
 * nothing behind.
 *
 * <p>{@link #find} answers from the node's cache (a sale asks for each product's member):
 * every change to a member or its bank accounts forgets the merchant's kept members on every
 * node when it commits. What a change answers is read afresh.
 */
@Service
public class Members {

    private final JdbcClient jdbc;
    private final BusinessTime time;
    private final NodeCache<Key, Member> kept;

    private record Key(UUID merchant, long memberId) {
    }

    Members(JdbcClient jdbc, BusinessTime time, NodeCaches caches) {
        this.jdbc = jdbc;
        this.time = time;
        this.kept = caches.create("members", (key, member) -> key.merchant());
    }

    /** A slice of the merchant's members, oldest first, and how many it has in all. */
    public record Listing(List<Member> members, long total) {
    }

    /** The member, unless it does not exist, is another merchant's or was deleted. */
    public Optional<Member> find(MerchantId merchant, long memberId) {
        return Optional.ofNullable(kept.get(new Key(merchant.value(), memberId),
                key -> read(merchant, memberId).orElse(null)));
    }

    private Optional<Member> read(MerchantId merchant, long memberId) {
        Optional<Member> member = jdbc.sql("select * from member where id = :id and merchant_id = :merchant and deleted_at is null")
                .param("id", memberId).param("merchant", merchant.value())
                .query((row, n) -> member(row, List.of())).optional();
        return member.map(found -> withAccounts(List.of(found)).getFirst());
    }

    /** The member as this transaction now sees it, after a change. */
    private Member reread(MerchantId merchant, long memberId) {
        return read(merchant, memberId).orElseThrow(() -> new KasaException(KasaError.MEMBER_NOT_FOUND));
    }

    /** As {@link #find}, refusing with {@code Member.NotFound} when there is no such member. */
    public Member get(MerchantId merchant, long memberId) {
        return find(merchant, memberId).orElseThrow(() -> new KasaException(KasaError.MEMBER_NOT_FOUND));
    }

    /** {@code length} members from the 0-based {@code start}, in the order they were created. */
    public Listing list(MerchantId merchant, long start, int length) {
        long total = jdbc.sql("select count(*) from member where merchant_id = :merchant and deleted_at is null")
                .param("merchant", merchant.value()).query(Long.class).single();
        List<Member> members = jdbc.sql("""
                        select * from member where merchant_id = :merchant and deleted_at is null
                        order by created_at, id limit :limit offset :offset""")
                .param("merchant", merchant.value()).param("limit", length).param("offset", start)
                .query((row, n) -> member(row, List.of())).list();
        return new Listing(withAccounts(members), total);
    }

    /**
     * What a member search asks for: each non-null criterion must hold (exact, after the
     * caller stripped outer spaces); at least one is given.
     */
    public record Search(String externalId, String name, String email, String phone, String identityNumber) {
    }

    /** {@code length} of the members matching {@code search} from the 0-based {@code start}, oldest first. */
    public List<Member> search(MerchantId merchant, Search search, long start, int length) {
        List<Member> members = jdbc.sql("""
                        select * from member where merchant_id = :merchant and deleted_at is null
                          and (cast(:externalId as varchar) is null or external_id = :externalId)
                          and (cast(:name as varchar) is null or name = :name)
                          and (cast(:email as varchar) is null or lower(email) = lower(:email))
                          and (cast(:phone as varchar) is null or phone = :phone)
                          and (cast(:identityNumber as varchar) is null or identity_number = :identityNumber)
                        order by created_at, id limit :limit offset :offset""")
                .param("merchant", merchant.value()).param("externalId", search.externalId())
                .param("name", search.name()).param("email", search.email()).param("phone", search.phone())
                .param("identityNumber", search.identityNumber())
                .param("limit", length).param("offset", start)
                .query((row, n) -> member(row, List.of())).list();
        return withAccounts(members);
    }

    /** Creates a member; {@code Member.AlreadyExists} when its external id is taken. */
    @Transactional
    public Member create(MerchantId merchant, MemberDetails details) {
        long id;
        try {
            id = jdbc.sql("""
                            insert into member (merchant_id, is_sub_merchant, member_type, external_id, name, title,
                                tax_office, tax_number, identity_number, email, phone, address, contact_name,
                                contact_lastname, calculation_type, calculation_value, commission, value_date_id, created_at)
                            values (:merchant, :isSubMerchant, :memberType, :externalId, :name, :title,
                                :taxOffice, :taxNumber, :identityNumber, :email, :phone, :address, :contactName,
                                :contactLastname, :type, :value, :commission,
                                case when cast(:type as smallint) is null then null else nextval('member_value_date_id') end, :now)
                            returning id""")
                    .params(columns(details)).params(valueDateColumns(details.valueDate()))
                    .param("merchant", merchant.value()).param("now", SqlTime.of(time.now()))
                    .query(Long.class).single();
        } catch (DuplicateKeyException e) {
            throw new KasaException(KasaError.MEMBER_ALREADY_EXISTS);
        }
        if (details.bankAccounts() != null) {
            insertAccounts(id, details.bankAccounts());
        }
        return reread(merchant, id);
    }

    /**
     * Replaces a member's details; its bank accounts and value date only when
     * {@code details} carries them. {@code Member.NotFound} for an unknown member,
     * {@code Member.AlreadyExists} when the new external id is another member's.
     */
    @Transactional
    public Member update(MerchantId merchant, long memberId, MemberDetails details) {
        int updated;
        try {
            updated = jdbc.sql("""
                            update member set is_sub_merchant = :isSubMerchant, member_type = :memberType,
                                external_id = :externalId, name = :name, title = :title, tax_office = :taxOffice,
                                tax_number = :taxNumber, identity_number = :identityNumber, email = :email,
                                phone = :phone, address = :address, contact_name = :contactName,
                                contact_lastname = :contactLastname, updated_at = :now
                            where id = :id and merchant_id = :merchant and deleted_at is null""")
                    .params(columns(details)).param("id", memberId).param("merchant", merchant.value())
                    .param("now", SqlTime.of(time.now()))
                    .update();
        } catch (DuplicateKeyException e) {
            throw new KasaException(KasaError.MEMBER_ALREADY_EXISTS);
        }
        if (updated == 0) {
            throw new KasaException(KasaError.MEMBER_NOT_FOUND);
        }
        if (details.bankAccounts() != null) {
            jdbc.sql("delete from member_bank_account where member_id = :id").param("id", memberId).update();
            insertAccounts(memberId, details.bankAccounts());
        }
        if (details.valueDate() != null) {
            setValueDate(memberId, details.valueDate());
        }
        kept.forget(merchant.value());
        return reread(merchant, memberId);
    }

    /** Deletes a member: it disappears from the API and its external id is free again. */
    @Transactional
    public void delete(MerchantId merchant, long memberId) {
        int deleted = jdbc.sql("""
                        update member set deleted_at = :now
                        where id = :id and merchant_id = :merchant and deleted_at is null""")
                .param("now", SqlTime.of(time.now())).param("id", memberId).param("merchant", merchant.value())
                .update();
        if (deleted == 0) {
            throw new KasaException(KasaError.MEMBER_NOT_FOUND);
        }
        kept.forget(merchant.value());
    }

    /** As {@link #delete}, for the member with this external id. */
    @Transactional
    public void deleteByExternalId(MerchantId merchant, String externalId) {
        int deleted = jdbc.sql("""
                        update member set deleted_at = :now
                        where external_id = :externalId and merchant_id = :merchant and deleted_at is null""")
                .param("now", SqlTime.of(time.now())).param("externalId", externalId)
                .param("merchant", merchant.value())
                .update();
        if (deleted == 0) {
            throw new KasaException(KasaError.MEMBER_NOT_FOUND);
        }
        kept.forget(merchant.value());
    }

    /** The member's bank accounts, ordered by currency; {@code Member.NotFound} for an unknown member. */
    public List<BankAccount> bankAccounts(MerchantId merchant, long memberId) {
        return get(merchant, memberId).bankAccounts();
    }

    /**
     * Adds a bank account to a member. {@code Member.NotFound} for an unknown member,
     * {@code Member.Validation.BankAccounts} when it already has an account in that currency.
     */
    @Transactional
    public BankAccount addBankAccount(MerchantId merchant, long memberId, MemberDetails.Account account) {
        lockMember(merchant, memberId);
        try {
            long id = jdbc.sql("""
                            insert into member_bank_account (member_id, currency_id, title, iban)
                            values (:member, :currency, :title, :iban) returning id""")
                    .param("member", memberId).param("currency", account.currencyId())
                    .param("title", account.title()).param("iban", account.iban())
                    .query(Long.class).single();
            kept.forget(merchant.value());
            return new BankAccount(id, account.currencyId(), account.title(), account.iban());
        } catch (DuplicateKeyException e) {
            throw oneAccountPerCurrency(account.currencyId());
        }
    }

    /**
     * Replaces a bank account's currency, title and IBAN. {@code Member.BankAccount.NotFound}
     * unless it is an account of one of the merchant's live members.
     */
    @Transactional
    public BankAccount updateBankAccount(MerchantId merchant, long accountId, MemberDetails.Account account) {
        try {
            int updated = jdbc.sql("""
                            update member_bank_account set currency_id = :currency, title = :title, iban = :iban
                            where id = :id and member_id in (select id from member
                                                             where merchant_id = :merchant and deleted_at is null)""")
                    .param("id", accountId).param("merchant", merchant.value()).param("currency", account.currencyId())
                    .param("title", account.title()).param("iban", account.iban())
                    .update();
            if (updated == 0) {
                throw new KasaException(KasaError.MEMBER_BANK_ACCOUNT_NOT_FOUND);
            }
            kept.forget(merchant.value());
            return new BankAccount(accountId, account.currencyId(), account.title(), account.iban());
        } catch (DuplicateKeyException e) {
            throw oneAccountPerCurrency(account.currencyId());
        }
    }

    /** The member a bank account belongs to; {@code Member.BankAccount.NotFound} as for an update. */
    public long memberOfBankAccount(MerchantId merchant, long accountId) {
        return jdbc.sql("""
                        select a.member_id from member_bank_account a join member m on m.id = a.member_id
                        where a.id = :id and m.merchant_id = :merchant and m.deleted_at is null""")
                .param("id", accountId).param("merchant", merchant.value())
                .query(Long.class).optional()
                .orElseThrow(() -> new KasaException(KasaError.MEMBER_BANK_ACCOUNT_NOT_FOUND));
    }

    /** Removes a bank account; {@code Member.BankAccount.NotFound} as for an update. */
    @Transactional
    public void deleteBankAccount(MerchantId merchant, long accountId) {
        int deleted = jdbc.sql("""
                        delete from member_bank_account
                        where id = :id and member_id in (select id from member
                                                         where merchant_id = :merchant and deleted_at is null)""")
                .param("id", accountId).param("merchant", merchant.value())
                .update();
        if (deleted == 0) {
            throw new KasaException(KasaError.MEMBER_BANK_ACCOUNT_NOT_FOUND);
        }
        kept.forget(merchant.value());
    }

    /**
     * Sets the member's value date, replacing the one it has (its id stays); answers the
     * member as it now is. {@code Member.NotFound} for an unknown member.
     */
    @Transactional
    public Member setValueDate(MerchantId merchant, long memberId, ValueDate valueDate) {
        lockMember(merchant, memberId);
        setValueDate(memberId, valueDate);
        kept.forget(merchant.value());
        return reread(merchant, memberId);
    }

    /** Locks a live member of the merchant against concurrent changes, or refuses with {@code Member.NotFound}. */
    private void lockMember(MerchantId merchant, long memberId) {
        jdbc.sql("select id from member where id = :id and merchant_id = :merchant and deleted_at is null for update")
                .param("id", memberId).param("merchant", merchant.value())
                .query(Long.class).optional()
                .orElseThrow(() -> new KasaException(KasaError.MEMBER_NOT_FOUND));
    }

    private static KasaException oneAccountPerCurrency(int currencyId) {
        return new KasaException(KasaError.MEMBER_BANK_ACCOUNTS_INVALID, new io.kasa.server.shared.LocalizedText(
                "Üyenin " + currencyId + " para biriminde zaten bir hesabı var",
                "The member already has an account in currency " + currencyId));
    }

    private static Map<String, Object> columns(MemberDetails details) {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("isSubMerchant", details.isSubMerchant());
        columns.put("memberType", details.memberType() == 0 ? null : details.memberType());
        columns.put("externalId", details.externalId());
        columns.put("name", details.name());
        columns.put("title", details.title());
        columns.put("taxOffice", details.taxOffice());
        columns.put("taxNumber", details.taxNumber());
        columns.put("identityNumber", details.identityNumber());
        columns.put("email", details.email());
        columns.put("phone", details.phone());
        columns.put("address", details.address());
        columns.put("contactName", details.contactName());
        columns.put("contactLastname", details.contactLastname());
        return columns;
    }

    private void insertAccounts(long memberId, List<MemberDetails.Account> accounts) {
        for (MemberDetails.Account account : accounts) {
            jdbc.sql("""
                            insert into member_bank_account (member_id, currency_id, title, iban)
                            values (:member, :currency, :title, :iban)""")
                    .param("member", memberId).param("currency", account.currencyId())
                    .param("title", account.title()).param("iban", account.iban())
                    .update();
        }
    }

    private void setValueDate(long memberId, ValueDate valueDate) {
        jdbc.sql("""
                        update member set calculation_type = :type, calculation_value = :value, commission = :commission,
                            value_date_id = coalesce(value_date_id, nextval('member_value_date_id'))
                        where id = :id""")
                .params(valueDateColumns(valueDate)).param("id", memberId)
                .update();
    }

    private static Map<String, Object> valueDateColumns(ValueDate valueDate) {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("type", valueDate == null ? null : valueDate.calculationType());
        columns.put("value", valueDate == null ? null : valueDate.calculationValue());
        columns.put("commission", valueDate == null ? null : valueDate.commission());
        return columns;
    }

    private List<Member> withAccounts(List<Member> members) {
        if (members.isEmpty()) {
            return members;
        }
        Map<Long, List<BankAccount>> accounts = new LinkedHashMap<>();
        jdbc.sql("select * from member_bank_account where member_id in (:ids) order by member_id, currency_id")
                .param("ids", members.stream().map(Member::id).toList())
                .query(row -> {
                    accounts.computeIfAbsent(row.getLong("member_id"), id -> new ArrayList<>())
                            .add(new BankAccount(row.getLong("id"), row.getInt("currency_id"),
                                    row.getString("title"), row.getString("iban")));
                });
        return members.stream()
                .map(member -> member(member, accounts.getOrDefault(member.id(), List.of())))
                .toList();
    }

    private static Member member(Member member, List<BankAccount> accounts) {
        return new Member(member.id(), member.isSubMerchant(), member.memberType(), member.externalId(), member.name(),
                member.title(), member.taxOffice(), member.taxNumber(), member.identityNumber(), member.email(),
                member.phone(), member.address(), member.contactName(), member.contactLastname(), accounts,
                member.valueDate(), member.valueDateId(), member.createdAt(), member.updatedAt());
    }

    private static Member member(ResultSet row, List<BankAccount> accounts) throws SQLException {
        int calculationType = row.getInt("calculation_type");
        ValueDate valueDate = row.wasNull() ? null
                : new ValueDate(calculationType, row.getInt("calculation_value"), row.getObject("commission", BigDecimal.class));
        Instant createdAt = SqlTime.read(row, "created_at");
        return new Member(row.getLong("id"), row.getBoolean("is_sub_merchant"), row.getInt("member_type"),
                row.getString("external_id"), row.getString("name"), row.getString("title"),
                row.getString("tax_office"), row.getString("tax_number"), row.getString("identity_number"),
                row.getString("email"), row.getString("phone"), row.getString("address"),
                row.getString("contact_name"), row.getString("contact_lastname"), accounts, valueDate,
                (Long) row.getObject("value_date_id"), createdAt, SqlTime.read(row, "updated_at"));
    }
}
