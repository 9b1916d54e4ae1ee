package io.kasa.client;

/**
 * Who pays, as a {@link SaleOrder} carries it. {@code type} is 0–2: {@link #INDIVIDUAL} needs
 * {@code firstName}, {@code lastName} and {@code identity}; {@link #COMPANY} needs
 * {@code companyName}, {@code taxOfficeCode} and {@code taxNumber}. Null fields are not sent
 * (an empty string is sent as one); lengths and formats are the server's to enforce.
 */
public record Customer(int type, String firstName, String middleName, String lastName, String companyName,
                       String taxOfficeCode, String taxNumber, String phone, String email, String identity,
                       String country, String city, String district, String neighborhood, String address) {

    public static final int INDIVIDUAL = 1;
    public static final int COMPANY = 2;

    /** A customer of the given type with no fields set. */
    public static Customer ofType(int type) {
        return new Customer(type, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** A person: the fields an {@link #INDIVIDUAL} needs. */
    public static Customer individual(String firstName, String lastName, String identity) {
        return ofType(INDIVIDUAL).withFirstName(firstName).withLastName(lastName).withIdentity(identity);
    }

    /** A company: the fields a {@link #COMPANY} needs. */
    public static Customer company(String companyName, String taxOfficeCode, String taxNumber) {
        return ofType(COMPANY).withCompanyName(companyName).withTaxOfficeCode(taxOfficeCode).withTaxNumber(taxNumber);
    }

    public Customer withFirstName(String firstName) {
        return new Customer(type, firstName, middleName, lastName, companyName, taxOfficeCode, taxNumber, phone,
                email, identity, country, city, district, neighborhood, address);
    }

    public Customer withMiddleName(String middleName) {
        return new Customer(type, firstName, middleName, lastName, companyName, taxOfficeCode, taxNumber, phone,
                email, identity, country, city, district, neighborhood, address);
    }

    public Customer withLastName(String lastName) {
        return new Customer(type, firstName, middleName, lastName, companyName, taxOfficeCode, taxNumber, phone,
                email, identity, country, city, district, neighborhood, address);
    }

    public Customer withCompanyName(String companyName) {
        return new Customer(type, firstName, middleName, lastName, companyName, taxOfficeCode, taxNumber, phone,
                email, identity, country, city, district, neighborhood, address);
    }

    public Customer withTaxOfficeCode(String taxOfficeCode) {
        return new Customer(type, firstName, middleName, lastName, companyName, taxOfficeCode, taxNumber, phone,
                email, identity, country, city, district, neighborhood, address);
    }

    public Customer withTaxNumber(String taxNumber) {
        return new Customer(type, firstName, middleName, lastName, companyName, taxOfficeCode, taxNumber, phone,
                email, identity, country, city, district, neighborhood, address);
    }

    public Customer withPhone(String phone) {
        return new Customer(type, firstName, middleName, lastName, companyName, taxOfficeCode, taxNumber, phone,
                email, identity, country, city, district, neighborhood, address);
    }

    public Customer withEmail(String email) {
        return new Customer(type, firstName, middleName, lastName, companyName, taxOfficeCode, taxNumber, phone,
                email, identity, country, city, district, neighborhood, address);
    }

    public Customer withIdentity(String identity) {
        return new Customer(type, firstName, middleName, lastName, companyName, taxOfficeCode, taxNumber, phone,
                email, identity, country, city, district, neighborhood, address);
    }

    /** Sets {@code country}, {@code city}, {@code district}, {@code neighborhood} and {@code address} at once. */
    public Customer withAddress(String country, String city, String district, String neighborhood, String address) {
        return new Customer(type, firstName, middleName, lastName, companyName, taxOfficeCode, taxNumber, phone,
                email, identity, country, city, district, neighborhood, address);
    }
}
