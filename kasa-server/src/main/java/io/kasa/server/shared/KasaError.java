package io.kasa.server.shared;

/**
 * The error catalog: every refusal Kasa can answer with. Each constant carries the
 * {@code ClientMessage} clients map on, a numeric {@code ErrorCode} unique in the catalog,
 * the HTTP status that goes with it, and its message in both languages. The Paywall
 * constants keep Paywall's spelling, "Cloud" included.
 */
public enum KasaError {
    SERVER_ERROR("System.ServerError", 1000, 500,
            "Beklenmeyen bir hata oluştu", "An unexpected error occurred"),
    VALIDATION_ERROR("System.ValidationError", 1001, 400,
            "Doğrulama hatası", "Validation error"),
    AUTH_ERROR("System.AuthError", 1002, 401,
            "Yetkilendirme hatası", "Authorisation error"),
    RATE_LIMITED("System.RateLimited", 1003, 429,
            "Çok fazla hatalı deneme; lütfen daha sonra tekrar deneyin", "Too many failed attempts; please retry later"),
    UNAVAILABLE("System.Unavailable", 1004, 503,
            "Servis geçici olarak kullanılamıyor", "The service is temporarily unavailable"),
    NOT_FOUND("System.NotFound", 1005, 404,
            "İstenen adres bulunamadı", "No such endpoint"),
    METHOD_NOT_ALLOWED("System.MethodNotAllowed", 1006, 405,
            "Bu adres bu HTTP yöntemini desteklemiyor", "This endpoint does not support this HTTP method"),
    PAYLOAD_TOO_LARGE("System.PayloadTooLarge", 1007, 413,
            "İstek gövdesi çok büyük", "The request body is too large"),
    UNSUPPORTED_MEDIA_TYPE("System.UnsupportedMediaType", 1008, 415,
            "İstek gövdesi JSON olmalıdır", "The request body must be JSON"),
    FORBIDDEN("System.Forbidden", 1009, 403,
            "Bu işlem için yetkiniz yok veya oturum doğrulaması eksik", "Not allowed, or the session check is missing"),
    DATABASE_UNAVAILABLE("System.DatabaseUnavailable", 1010, 503,
            "Veritabanına şu anda ulaşılamıyor; lütfen Retry-After süresi kadar bekleyip tekrar deneyin",
            "The database cannot be reached at the moment; please retry after the Retry-After delay"),
    RATE_LIMIT_EXCEEDED("System.RateLimitExceeded", 1011, 429,
            "İstek sınırı aşıldı; Retry-After başlığındaki saniye kadar bekleyip tekrar deneyin",
            "Request rate limit exceeded; retry after the number of seconds in Retry-After"),
    SERVER_BUSY("System.Busy", 1012, 503,
            "Sunucu şu anda kaldırabileceğinden fazla iş bekletiyor; Retry-After süresi kadar bekleyip tekrar deneyin",
            "The server has more work waiting than it can take on; please retry after the Retry-After delay"),

    MERCHANT_NOT_FOUND("Merchant.NotFound", 1101, 404,
            "Üye işyeri bulunamadı", "Merchant not found"),
    MERCHANT_KEY_NOT_FOUND("Merchant.Key.NotFound", 1102, 404,
            "Anahtar bulunamadı", "Key not found"),

    CONNECTION_NOT_FOUND("Connection.NotFound", 2001, 404,
            "Bağlantı bulunamadı", "Connection not found"),
    CONNECTION_NOT_EQUAL_CONNECTION("Connection.NotEqualConnection", 2002, 422,
            "Bağlantı aktif değil", "The connection is not active"),
    CONNECTION_UPDATED_RECORD_NOT_FOUND("Connection.UpdatedRecordNotFound", 2003, 404,
            "Güncellenecek bağlantı bulunamadı", "The connection to update was not found"),
    CONNECTION_DELETED_RECORD_NOT_FOUND("Connection.DeletedRecordNotFound", 2004, 404,
            "Silinecek bağlantı bulunamadı", "The connection to delete was not found"),
    CONNECTION_ALREADY_EXISTS("Connection.AlreadyExists", 2005, 409,
            "Bu isimde bir bağlantı zaten var", "A connection with this name already exists"),
    CONNECTION_ALREADY_CONNECTED("Connection.AlreadyConnected", 2006, 409,
            "Bağlantı zaten bağlı", "The connection is already connected"),
    CONNECTION_SERVICE_PARAMETERS_INVALID("Connection.ServiceParametersInvalid", 2007, 400,
            "Servis parametreleri geçersiz", "The service parameters are invalid"),
    CONNECTION_NOT_CONNECTED("Connection.NotConnected", 2008, 422,
            "Bağlantı bağlı değil", "The connection is not connected"),
    CONNECTION_ASYNC_PAYMENT_NOT_ACTIVE("Connection.IsAsyncPaymentNotActive", 2009, 422,
            "Bağlantıda asenkron ödeme aktif değil", "Async payment is not active on the connection"),
    CONNECTION_HAS_TERMINALS("Connection.HasTerminals", 2010, 409,
            "Bağlantıya kayıtlı terminaller var", "Terminals still use this connection"),

    TERMINAL_NOT_FOUND("Terminal.NotFound", 3001, 404,
            "Terminal bulunamadı", "Terminal not found"),
    TERMINAL_FAILED_TO_GET_TERMINAL_LIST("Terminal.FailedToGetTerminalList", 3002, 503,
            "Terminal listesi alınamadı", "The terminal list could not be fetched"),
    TERMINAL_TAG_NOT_FOUND("Terminal.Tag.NotFound", 3003, 404,
            "Terminal etiketi bulunamadı", "Terminal tag not found"),
    TERMINAL_TAG_ALREADY_EXISTS_WITH_THIS_CODE("Terminal.Tag.AlreadyExistsWithThisCode", 3004, 409,
            "Bu kodla bir etiket zaten var", "A tag with this code already exists"),
    TERMINAL_TAG_DELETED_RECORD_NOT_FOUND("Terminal.Tag.DeletedRecordNotFound", 3005, 404,
            "Silinecek etiket bulunamadı", "The tag to delete was not found"),
    TERMINAL_PAIR_NOT_FOUND("Terminal.Pair.NotFound", 3006, 404,
            "Terminal eşleşmesi bulunamadı", "The terminal is not paired"),
    TERMINAL_SERIAL_NO_EXISTS("Terminal.AlreadyExistsWithThisSerialNo", 3007, 409,
            "Bu seri numarasıyla bir terminal zaten var", "A terminal with this serial number already exists"),

    PAIR_REQUEST_NOT_FOUND("Pair.Sync.RequestNotFound", 4001, 404,
            "Eşleşme isteği bulunamadı", "Pair request not found"),
    PAIR_REQUEST_NOT_PENDING("Pair.Sync.RequestNotPending", 4002, 409,
            "Eşleşme isteği artık beklemede değil", "The pair request is no longer pending"),
    PAIR_CODE_INVALID("Pair.Sync.CodeInvalid", 4003, 422,
            "Eşleşme kodu geçersiz, süresi dolmuş veya kullanılmış", "The pair code is unknown, expired or already used"),

    // Paywall's async pairing constants (its error page, tab "Fiziksel API Hata Kodları").
    PAIR_ASYNC_ABSENT_BODY_PARAM("Pair.Async.AbsentBodyParam", 4101, 400,
            "İstekte eksik parametre var", "A parameter is missing from the request"),
    PAIR_ASYNC_AUTHENTICATION_FAILED("Pair.Async.AuthenticationFailed", 4102, 422,
            "Sağlayıcı bağlantının kimlik bilgilerini reddetti (yetkilendirme hatası)",
            "The provider refused the connection's credentials (authorisation error)"),
    PAIR_ASYNC_REQUEST_FAILED("Pair.Async.RequestFailed", 4103, 503,
            "Eşleşme isteği başarısız oldu", "The pair request failed"),
    PAIR_ASYNC_REQUEST_NOT_FOUND("Pair.Async.RequestNotFound", 4104, 404,
            "Asenkron eşleşme isteği bulunamadı", "Async pair request not found"),
    PAIR_ASYNC_ALREADY_PAIRED("Pair.Async.AlreadyPaired", 4105, 409,
            "Bu eşleşme isteği zaten eşleşmiş", "The pair request is already paired"),
    PAIR_ASYNC_CONFIRM_FAILED("Pair.Async.ConfirmFailed", 4106, 422,
            "Eşleşme onaylanamadı: istek iptal edilmiş veya süresi dolmuş", "The pairing could not be confirmed: the request was cancelled or has expired"),
    PAIR_ASYNC_CONFIRM_NOT_COMPLETED("Pair.Async.ConfirmNotCompleted", 4107, 409,
            "Cihaz eşleşmeyi henüz onaylamadı; kod cihaza girilmedi", "The device has not approved the pairing yet: the code was not entered on it"),
    // Kasa's own, for what a device waiting on an async claim learns and for deleting a request
    // that is no longer open (the pages name no constant for these).
    PAIR_ASYNC_CODE_EXPIRED("Pair.Async.CodeExpired", 4108, 409,
            "Eşleşme isteğinin süresi doldu", "The pair request has expired"),
    PAIR_ASYNC_REQUEST_NOT_PENDING("Pair.Async.RequestNotPending", 4109, 409,
            "Eşleşme isteği silindi veya daha yeni bir istekle değiştirildi",
            "The pair request was deleted or replaced by a newer request"),

    PAYMENT_CLOUD_NOT_SEND_TO_DEVICE("Payment.Async.CloudNotSendToDevice", 5001, 422,
            "Ödeme cihaza iletilemedi", "The payment could not be sent to the device"),
    PAYMENT_NOT_CONVENIENT_STATUS("Payment.Async.NotConvenientStatusForThisOperation", 5002, 422,
            "Ödemenin durumu bu işlem için uygun değil", "The payment's status does not allow this operation"),
    PAYMENT_ALREADY_HAS_REFUND_OR_CANCEL("Payment.Async.AlreadyHasRefundOrCancel", 5003, 409,
            "Ödemenin zaten bir iadesi veya iptali var", "The payment already has a refund or cancel"),
    PAYMENT_MERCHANT_UNIQUE_CODE_EXISTS("Payment.Async.MerchantUniqueCodeAlreadyExists", 5004, 409,
            "Bu MerchantUniqueCode farklı bir istekle zaten kullanıldı", "This MerchantUniqueCode was already used with a different request"),
    PAYMENT_REQUEST_NOT_FOUND("Payment.Request.RequestNotFound", 5005, 404,
            "Ödeme isteği bulunamadı", "Payment request not found"),

    // Member API: codes as in Paywall's enumeration (198, 200-236); messages name the field.
    MEMBER_NOT_FOUND("Member.NotFound", 198, 404,
            "Üye bulunamadı", "Member not found"),
    // No page names a code for an unknown bank account: Kasa takes 224, which no other member rule uses, inside
    // Paywall's member range (198, 200-236).
    MEMBER_BANK_ACCOUNT_NOT_FOUND("Member.BankAccount.NotFound", 224, 404,
            "Üyenin banka hesabı bulunamadı", "Member bank account not found"),
    MEMBER_TYPE_INVALID("Member.Validation.Type", 200, 400,
            "Üye tipi geçersiz", "The member type is invalid"),
    MEMBER_EXTERNAL_ID_REQUIRED("Member.Validation.ExternalIdRequired", 201, 400,
            "Üyenin harici Id bilgisi zorunludur", "The member's external id is required"),
    MEMBER_NAME_REQUIRED("Member.Validation.NameRequired", 202, 400,
            "Üye adı zorunludur", "The member's name is required"),
    MEMBER_TITLE_REQUIRED("Member.Validation.TitleRequired", 203, 400,
            "Üye ünvanı zorunludur", "The member's title is required"),
    MEMBER_TAX_OFFICE_REQUIRED("Member.Validation.TaxOfficeRequired", 204, 400,
            "Üyenin vergi dairesi zorunludur", "The member's tax office is required"),
    MEMBER_TAX_NUMBER_REQUIRED("Member.Validation.TaxNumberRequired", 205, 400,
            "Üyenin vergi numarası zorunludur", "The member's tax number is required"),
    MEMBER_IDENTITY_NUMBER_REQUIRED("Member.Validation.IdentityNumberRequired", 206, 400,
            "Üyenin kimlik numarası zorunludur", "The member's identity number is required"),
    MEMBER_EMAIL_REQUIRED("Member.Validation.EmailRequired", 207, 400,
            "Üyenin e-posta adresi zorunludur", "The member's email address is required"),
    MEMBER_PHONE_REQUIRED("Member.Validation.PhoneRequired", 208, 400,
            "Üyenin telefon numarası zorunludur", "The member's phone number is required"),
    MEMBER_ADDRESS_REQUIRED("Member.Validation.AddressRequired", 209, 400,
            "Üyenin adresi zorunludur", "The member's address is required"),
    MEMBER_CONTACT_NAME_REQUIRED("Member.Validation.ContactNameRequired", 210, 400,
            "Üyenin iletişim adı zorunludur", "The member's contact name is required"),
    MEMBER_CONTACT_LASTNAME_REQUIRED("Member.Validation.ContactLastnameRequired", 211, 400,
            "Üyenin iletişim soyadı zorunludur", "The member's contact last name is required"),
    MEMBER_TEXT_INVALID("Member.Validation.Text", 212, 400,
            "Üye bilgisinin uzunluğu veya biçimi geçersiz", "A member field has an invalid length or form"),
    MEMBER_TAX_NUMBER_INVALID("Member.Validation.TaxNumber", 213, 400,
            "Üyenin vergi numarası geçersiz", "The member's tax number is invalid"),
    MEMBER_IDENTITY_NUMBER_INVALID("Member.Validation.IdentityNumber", 214, 400,
            "Üyenin kimlik numarası geçersiz", "The member's identity number is invalid"),
    MEMBER_EMAIL_INVALID("Member.Validation.Email", 215, 400,
            "Üyenin e-posta adresi geçersiz", "The member's email address is invalid"),
    MEMBER_PHONE_INVALID("Member.Validation.Phone", 216, 400,
            "Üyenin telefon numarası geçersiz", "The member's phone number is invalid"),
    MEMBER_BANK_ACCOUNT_CURRENCY_INVALID("Member.Validation.BankAccountCurrency", 217, 400,
            "Banka hesabının para birimi geçersiz", "The bank account's currency is invalid"),
    MEMBER_BANK_ACCOUNT_TITLE_REQUIRED("Member.Validation.BankAccountTitleRequired", 218, 400,
            "Banka hesabının ünvanı zorunludur", "The bank account's title is required"),
    MEMBER_IBAN_REQUIRED("Member.Validation.IbanRequired", 219, 400,
            "Banka hesabının IBAN bilgisi zorunludur", "The bank account's IBAN is required"),
    MEMBER_BANK_ACCOUNT_TITLE_TOO_LONG("Member.Validation.BankAccountTitleLength", 220, 400,
            "Banka hesabının ünvanı çok uzun", "The bank account's title is too long"),
    MEMBER_IBAN_TOO_LONG("Member.Validation.IbanLength", 221, 400,
            "IBAN çok uzun", "The IBAN is too long"),
    MEMBER_IBAN_INVALID("Member.Validation.Iban", 222, 400,
            "IBAN geçersiz", "The IBAN is invalid"),
    MEMBER_ID_OR_EXTERNAL_ID_REQUIRED("Member.Validation.IdOrExternalIdRequired", 223, 400,
            "Üyenin Id veya harici Id bilgisi zorunludur", "The member's Id or external id is required"),
    MEMBER_BANK_ACCOUNTS_INVALID("Member.Validation.BankAccounts", 226, 400,
            "Banka hesapları geçersiz", "The bank accounts are invalid"),
    MEMBER_ALREADY_EXISTS("Member.AlreadyExists", 227, 409,
            "Bu harici Id ile bir üye zaten var", "A member with this external id already exists"),
    MEMBER_ID_INVALID("Member.Validation.Id", 228, 400,
            "Üye Id bilgisi zorunludur ve 1 veya daha büyük bir tam sayı olmalıdır", "The member Id is required and must be a whole number, 1 or greater"),
    MEMBER_CALCULATION_TYPE_INVALID("Member.Validation.CalculationType", 233, 400,
            "Valör hesaplama tipi geçersiz", "The value-date calculation type is invalid"),
    MEMBER_CALCULATION_VALUE_INVALID("Member.Validation.CalculationValue", 234, 400,
            "Valör hesaplama değeri geçersiz", "The value-date calculation value is invalid"),
    MEMBER_COMMISSION_INVALID("Member.Validation.Commission", 235, 400,
            "Komisyon oranı geçersiz", "The commission rate is invalid"),

    // Cargo and discount arrangements of a sale product, and the member debts they raise
    // (Paywall's Payment API codes 36-45 and 53-56, and 265).
    PRODUCT_DISCOUNT_OWNER_INVALID("Payment.Product.InvalidDiscountOwner", 36, 400,
            "İndirim sahibi geçersiz", "The discount owner is invalid"),
    PRODUCT_DISCOUNT_TYPE_INVALID("Payment.Product.InvalidDiscountType", 37, 400,
            "İndirim tipi geçersiz", "The discount type is invalid"),
    PRODUCT_DISCOUNT_PERCENTAGE_INVALID("Payment.Product.InvalidDiscountPercentage", 38, 400,
            "İndirim yüzdesi geçersiz", "The discount percentage is invalid"),
    PRODUCT_DISCOUNT_AMOUNT_INVALID("Payment.Product.InvalidDiscountAmount", 39, 400,
            "İndirim tutarı geçersiz", "The discount amount is invalid"),
    PRODUCT_CARGO_TYPE_INVALID("Payment.Product.InvalidCargoType", 40, 400,
            "Kargo tipi geçersiz", "The cargo type is invalid"),
    PRODUCT_CARGO_CURRENCY_INVALID("Payment.Product.InvalidCargoCurrency", 41, 400,
            "Kargo para birimi geçersiz", "The cargo currency is invalid"),
    PRODUCT_CARGO_AMOUNT_INVALID("Payment.Product.InvalidCargoAmount", 42, 400,
            "Kargo tutarı geçersiz", "The cargo amount is invalid"),
    BASKET_UNEXPECTED_CARGO_TYPE("Payment.Basket.UnexpectedCargoType", 53, 400,
            "Sepette beklenmeyen kargo tipi", "Unexpected cargo type in the basket"),
    BASKET_UNEXPECTED_CARGO_VALUE("Payment.Basket.UnexpectedCargoValue", 54, 400,
            "Sepette beklenmeyen kargo tutarı", "Unexpected cargo value in the basket"),
    BASKET_UNEXPECTED_DISCOUNT_TYPE("Payment.Basket.UnexpectedDiscountType", 55, 400,
            "Sepette beklenmeyen indirim tipi", "Unexpected discount type in the basket"),
    BASKET_UNEXPECTED_DISCOUNT_VALUE("Payment.Basket.UnexpectedDiscountValue", 56, 400,
            "Sepette beklenmeyen indirim değeri", "Unexpected discount value in the basket"),
    DEBT_NOT_FOUND("Marketplace.Debt.NotFound", 43, 404,
            "Borç bulunamadı", "Debt not found"),
    DEBT_ALREADY_SENT("Marketplace.Debt.AlreadySent", 44, 409,
            "Borç zaten ödemeye gönderildi", "The debt has already been sent for payment"),
    DEBT_NOT_AVAILABLE("Marketplace.Debt.NotAvailable", 265, 409,
            "Borç bu işlem için uygun değil", "The debt is not available for this operation"),

    CALLBACK_NOT_FOUND("Callback.NotFound", 6001, 404,
            "Geri bildirim bulunamadı", "Callback not found"),

    // Provider transaction reporting (Paywall's "Transaction" constants): Kasa offers no
    // transaction list, the constants keep their meaning for providers that will.
    TRANSACTION_NOT_FOUND("Transaction.NotFound", 7001, 404,
            "İşlem bulunamadı", "Transaction not found"),
    TRANSACTION_FAILED_TO_GET_TRANSACTION_LIST("Transaction.FailedToGetTransactionList", 7002, 503,
            "İşlem listesi alınamadı", "The transaction list could not be fetched"),

    PAYMENT_INVALID_MEMBER("Payment.Product.InvalidMemberId", 28, 400,
            "Ürün listesinde geçersiz bir MemberId var", "A product carries a MemberId that is not one of your members"),
    PAYMENT_MEMBER_EARNING_EXCEEDS_AMOUNT("Payment.Product.MemberEarningExceedsAmount", 57, 400,
            "Üyenin hesaplanan kazancı ürün tutarını aşamaz", "The member's calculated earning cannot exceed the product's amount"),
    // Approval and rejection (Paywall's 1, 30, 31, 32, 58): ErrorCode 1 answers a request that
    // decided no product, with each product's reason in Body.
    MARKETPLACE_NOTHING_DECIDED("Marketplace.Approval.NothingDecided", 1, 422,
            "Hiçbir ürün işlenemedi; nedenleri Fail listesinde", "No product could be decided; the reasons are in Fail"),
    MARKETPLACE_NO_PRODUCT_TO_APPROVE("Marketplace.Approval.NoProduct", 30, 400,
            "ProductIds: onaylanacak ürün yok", "ProductIds: no product to approve"),
    MARKETPLACE_NO_PAYMENT_TO_APPROVE("Marketplace.Approval.NoPayment", 31, 422,
            "Ödemenin onaylanacak pazaryeri kazancı yok", "The payment has no marketplace earnings to approve"),
    MARKETPLACE_PAYMENT_NOT_FOUND("Marketplace.Payment.NotFound", 32, 404,
            "Ödeme bulunamadı", "Payment not found"),
    MARKETPLACE_INVALID_PRODUCT("Marketplace.Approval.InvalidProduct", 58, 422,
            "ProductIds geçersiz bir ürün içeriyor", "ProductIds holds an invalid product"),
    MARKETPLACE_NEEDS_PLATFORM_ACCOUNT("Marketplace.Settings.PlatformAccountMissing", 252, 422,
            "Pazaryeri ödemesi için platform banka hesabı tanımlı değil", "No platform bank account is set for marketplace payouts"),
    MARKETPLACE_MANUAL_TRIGGER_LIMIT("Marketplace.ManualTrigger.Limit", 550, 409,
            "Bu para birimi için süren bir ödeme emri var", "A payout order for this currency is still running"),
    MARKETPLACE_MANUAL_TRIGGER_NOT_ENABLED("Marketplace.ManualTrigger.NotEnabled", 551, 422,
            "Manuel tetikleme bu üye işyeri için açık değil", "Manual trigger is not enabled for this merchant"),
    MARKETPLACE_RANGE_INCLUDES_TODAY("Marketplace.ManualTrigger.RangeIncludesToday", 553, 422,
            "Tarih aralığı bugünü içeremez", "The date range cannot include today"),
    MARKETPLACE_RANGE_ALREADY_PAID("Marketplace.ManualTrigger.RangeAlreadyPaid", 560, 409,
            "Bu tarihleri kapsayan başarılı bir ödeme emri zaten var", "A succeeded payout order already covers these dates"),
    MARKETPLACE_JOB_NOT_FOUND("Marketplace.ManualTrigger.JobNotFound", 561, 404,
            "Ödeme emri bulunamadı", "Payout order not found"),
    MARKETPLACE_JOB_NOT_FAILED("Marketplace.ManualTrigger.JobNotFailed", 562, 409,
            "Yalnızca başarısız bir ödeme emri yeniden başlatılabilir", "Only a failed payout order can be restarted"),

    // Earnings operations (Paywall's /earning/* and /report/earning/*, notes §7.3).
    EARNING_PRODUCT_NOT_FOUND("Marketplace.Earning.NoProductToReport", 33, 404,
            "Raporlanacak ürün bulunamadı", "No product to report: the product is unknown or has no earnings"),
    EARNING_NOT_FOUND("Marketplace.Earning.NotFound", 34, 404,
            "Kazanç bulunamadı", "Earning not found"),
    EARNING_ALREADY_SENT("Marketplace.Earning.AlreadySent", 35, 409,
            "Kazanç zaten ödendi", "The earning has already been paid"),
    /** Paywall's 45 "amount must be > 0": an earning's or a debt's change; the message names the field. */
    MARKETPLACE_AMOUNT_NOT_POSITIVE("Marketplace.AmountMustBePositive", 45, 400,
            "Tutar sıfırdan büyük olmalıdır", "The amount must be greater than zero"),
    EARNING_CHANGES_REFUSED("Marketplace.Earning.ChangesRefused", 362, 409,
            "Kazanç iptal edildi veya reddedildi; değiştirilemez", "The earning was reversed or rejected and cannot be changed"),
    REFLECTION_DATE_WEEKEND("Marketplace.Earning.ReflectionDateCannotWeekend", 361, 400,
            "ReflectionDate hafta sonu olamaz", "ReflectionDate cannot be a Saturday or a Sunday"),
    REFLECTION_DATE_INVALID("Marketplace.Earning.ReflectionDateInvalid", 363, 400,
            "ReflectionDate bugünden önce olamaz, bir yıldan ileri olamaz ve yyyy-MM-dd biçiminde bir tarih olmalıdır",
            "ReflectionDate must be a date written yyyy-MM-dd, not before today and at most a year ahead"),
    REFLECTION_DATE_AFTER_CUT_OFF("Marketplace.Earning.ReflectionDateInvalidAfter16SameDay", 364, 400,
            "Saat 16:00'dan sonra ReflectionDate bugün olamaz", "After 16:00 ReflectionDate cannot be today"),
    EARNING_AMOUNT_INVALID("Marketplace.Earning.EarningAmountInvalid", 365, 400,
            "Earning en fazla iki ondalık basamaklı olmalı ve hiçbir payı sıfıra veya altına düşürmemelidir",
            "Earning must have at most two decimals and leave every share of the product above zero"),
    EARNING_IN_PAYMENT_QUEUE("Marketplace.Earning.AlreadyInPaymentQueue", 366, 409,
            "Kazanç ödeme kuyruğunda; değiştirilemez", "The earning is being paid out and cannot be changed"),
    EARNING_ALREADY_IN_RETRY("Marketplace.Earning.AlreadyInReTry", 367, 409,
            "Kazanç zaten yeniden deneme kuyruğunda", "The earning is already queued for a retry"),
    EARNING_ALREADY_SUCCESS("Marketplace.Earning.AlreadySuccess", 368, 409,
            "Kazanç zaten başarıyla ödendi", "The earning has already been paid successfully"),
    EARNING_NO_FAILED("Marketplace.Earning.NoAnyUnsuccessful", 369, 409,
            "Yeniden denenecek başarısız bir ödeme yok", "There is no failed payout to retry");

    private final String clientMessage;
    private final int code;
    private final int httpStatus;
    private final LocalizedText text;

    KasaError(String clientMessage, int code, int httpStatus, String tr, String en) {
        this.clientMessage = clientMessage;
        this.code = code;
        this.httpStatus = httpStatus;
        this.text = new LocalizedText(tr, en);
    }

    public String clientMessage() {
        return clientMessage;
    }

    public int code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public LocalizedText text() {
        return text;
    }
}
