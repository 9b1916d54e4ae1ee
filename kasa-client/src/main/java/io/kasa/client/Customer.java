package io.kasa.client;

import java.util.Objects;

/**
 * Who pays, as a {@link SaleOrder} carries it. {@code type} is 0–2: {@link #INDIVIDUAL} needs
 * {@code firstName}, {@code lastName} and {@code identity}; {@link #COMPANY} needs
 * {@code companyName}, {@code taxOfficeCode} and {@code taxNumber}. Null fields are not sent
 * (an empty string is sent as one); lengths and formats are the server's to enforce.
 *
 * <pre>{@code
 * Customer ayse = Customer.individual().firstName("Ayşe").lastName("Yılmaz").identity("11111111110")
 *         .email("ayse@example.com").build();
 * Customer firm = Customer.company().companyName("Çiçek Pazarı A.Ş.").taxOfficeCode("034").taxNumber("1234567890").build();
 * }</pre>
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

    /** A builder for a customer of the given type. */
    public static Builder builder(CustomerType type) {
        return new Builder(Objects.requireNonNull(type, "type"));
    }

    /** A builder for a person: {@link Builder#build()} requires first name, last name and identity. */
    public static Builder individual() {
        return builder(CustomerType.INDIVIDUAL);
    }

    /** A builder for a company: {@link Builder#build()} requires its name, tax office code and tax number. */
    public static Builder company() {
        return builder(CustomerType.COMPANY);
    }

    /**
     * Collects a {@link Customer}. {@link #build()} requires the fields the type needs (an
     * {@link IllegalArgumentException} names the one missing); the rest is optional. Not thread-safe.
     */
    public static final class Builder {

        private final CustomerType type;
        private String firstName;
        private String middleName;
        private String lastName;
        private String companyName;
        private String taxOfficeCode;
        private String taxNumber;
        private String phone;
        private String email;
        private String identity;
        private String country;
        private String city;
        private String district;
        private String neighborhood;
        private String address;

        private Builder(CustomerType type) {
            this.type = type;
        }

        public Builder firstName(String firstName) {
            this.firstName = firstName;
            return this;
        }

        public Builder middleName(String middleName) {
            this.middleName = middleName;
            return this;
        }

        public Builder lastName(String lastName) {
            this.lastName = lastName;
            return this;
        }

        public Builder companyName(String companyName) {
            this.companyName = companyName;
            return this;
        }

        public Builder taxOfficeCode(String taxOfficeCode) {
            this.taxOfficeCode = taxOfficeCode;
            return this;
        }

        public Builder taxNumber(String taxNumber) {
            this.taxNumber = taxNumber;
            return this;
        }

        public Builder phone(String phone) {
            this.phone = phone;
            return this;
        }

        public Builder email(String email) {
            this.email = email;
            return this;
        }

        /** The person's national identity number (T.C. kimlik no). */
        public Builder identity(String identity) {
            this.identity = identity;
            return this;
        }

        public Builder country(String country) {
            this.country = country;
            return this;
        }

        public Builder city(String city) {
            this.city = city;
            return this;
        }

        public Builder district(String district) {
            this.district = district;
            return this;
        }

        public Builder neighborhood(String neighborhood) {
            this.neighborhood = neighborhood;
            return this;
        }

        /** The street address (≤255); country, city, district and neighbourhood have their own setters. */
        public Builder address(String address) {
            this.address = address;
            return this;
        }

        public Customer build() {
            if (type == CustomerType.INDIVIDUAL) {
                Required.value("Customer.FirstName", firstName);
                Required.value("Customer.LastName", lastName);
                Required.value("Customer.Identity", identity);
            }
            if (type == CustomerType.COMPANY) {
                Required.value("Customer.CompanyName", companyName);
                Required.value("Customer.TaxOfficeCode", taxOfficeCode);
                Required.value("Customer.TaxNumber", taxNumber);
            }
            return new Customer(type.id(), firstName, middleName, lastName, companyName, taxOfficeCode, taxNumber,
                    phone, email, identity, country, city, district, neighborhood, address);
        }
    }
}
