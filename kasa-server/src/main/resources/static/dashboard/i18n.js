// The dashboard's words in Turkish and English, each written once, here.
//
// Fixed texts (headings, buttons, field labels, messages) are written in English where they
// are used, t('Payments'), and TR below gives each its Turkish; {name} marks a value filled
// in by t('Page {page} of {pages}', { page, pages }). A text missing from TR shows in English
// (DashboardLabelsTests fails on it). The names of the server's tables (payment statuses and
// types, units, tax groups, earning, payout, debt, callback and pairing states) are the NAMES
// tables below, keyed by the id or wire name the dashboard's API writes, as [Turkish, English];
// the server's own tables (GET /api/lookup/*, docs/api.md) are their source.
//
// The language follows the browser (navigator.language) until the switch in the top bar
// picks one, which is remembered in localStorage.

const STORED = 'kasa.language';
export const LANGUAGES = { tr: 'Türkçe', en: 'English' };

export let language = initial();

function initial() {
  let saved = null;
  try { saved = localStorage.getItem(STORED); } catch { /* storage off: follow the browser */ }
  if (saved && saved in LANGUAGES) return saved;
  return (navigator.languages || [navigator.language || 'en']).some(tag => /^tr\b/i.test(tag)) ? 'tr' : 'en';
}

export function setLanguage(next) {
  if (!(next in LANGUAGES)) return;
  language = next;
  try { localStorage.setItem(STORED, next); } catch { /* remembered for this page only */ }
  document.documentElement.lang = next;
}

/** The locale for Intl formatting of numbers, money and zone names. */
export function locale() {
  return language === 'tr' ? 'tr-TR' : 'en-GB';
}

/** A fixed text in the current language, with {name} placeholders filled from values. */
export function t(text, values) {
  const translated = language === 'tr' && Object.hasOwn(TR, text) ? TR[text] : text;
  return values ? translated.replace(/\{(\w+)\}/g, (all, name) => name in values ? String(values[name]) : all) : translated;
}

function named(table, key) {
  const pair = NAMES[table][key];
  if (!pair) return key === null || key === undefined || key === '' ? '–' : String(key);
  return pair[language === 'tr' ? 0 : 1];
}

/** The human name of a row of one of the server's tables, by the id or wire name the API wrote. */
export const names = {
  paymentStatus: id => named('paymentStatus', id),
  paymentType: id => named('paymentType', id),
  channel: wire => named('channel', wire),
  unit: wire => named('unit', wire),
  earningStatus: id => named('earningStatus', id),
  payout: wire => named('payout', wire),
  callback: wire => named('callback', wire),
  debtType: id => named('debtType', id),
  debtStatus: wire => named('debtStatus', wire),
  job: wire => named('job', wire),
  pairing: wire => named('pairing', wire),
  keyKind: wire => named('keyKind', wire),
  calculator: wire => named('calculator', wire)
};

/** A tax group (its wire name, or its id, which is the VAT rate) as a percentage: "%20", "20%". */
export function taxRate(group) {
  const rate = typeof group === 'number' ? group : TAX_RATES[group];
  if (rate === undefined) return group === null || group === undefined ? '–' : String(group);
  return new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 2 }).format(rate / 100);
}

// TaxGroup: the id is the rate in percent.
const TAX_RATES = { Zero: 0, One: 1, Ten: 10, Twenty: 20 };

export const NAMES = {
  // PaymentStatus (PaymentStatusId), shortened to fit a badge.
  paymentStatus: {
    1: ['Oluşturuldu', 'Created'],
    2: ['Cihaza gönderildi', 'Sent to the device'],
    3: ['Cihaza gönderilemedi', 'Not sent to the device'],
    4: ['Başarılı', 'Successful'],
    5: ['Başarısız', 'Failed'],
    6: ['Bilinmiyor', 'Unknown'],
    7: ['Bildirim gönderilemedi (push)', 'Push notice failed'],
    8: ['Bildirim gönderilemedi (socket)', 'Socket notice failed'],
    9: ['Bildirim gönderildi (push)', 'Push notice sent'],
    10: ['Bildirim gönderildi (socket)', 'Socket notice sent'],
    11: ['Cihaz işleme aldı', 'Taken by the device'],
    12: ['Geri çekildi', 'Withdrawn']
  },
  // PaymentType (PaymentTypeId, also an activity's type).
  paymentType: { 1: ['Satış', 'Sale'], 2: ['İptal', 'Cancel'], 3: ['İade', 'Refund'], 4: ['Bilinmiyor', 'Unknown'] },
  // Channel (PaymentChannel's wire name).
  channel: { Async: ['Asenkron', 'Async'], Socket: ['Senkron (socket)', 'Sync (socket)'] },
  // UnitCode (a product's UnitCode wire name).
  unit: {
    Kilogram: ['Kilogram', 'Kilogram'], Package: ['Paket', 'Package'], Gram: ['Gram', 'Gram'], Piece: ['Adet', 'Piece'],
    Litre: ['Litre', 'Litre'], Ton: ['Ton', 'Tonne'], Decare: ['Dekar', 'Decare'], Donum: ['Dönüm', 'Dönüm'],
    Metre: ['Metre', 'Metre'], Kilometre: ['Kilometre', 'Kilometre']
  },
  // EarningStatus (MarketPlaceEarningStatusId).
  earningStatus: {
    1: ['Hesaplandı', 'Calculated'], 2: ['Planlandı', 'Scheduled'], 3: ['Ödeme emri verildi', 'Ordered'],
    4: ['Ödendi', 'Paid'], 5: ['İptal edildi', 'Reversed'], 6: ['Havuzda', 'Pooled'], 7: ['Reddedildi', 'Rejected'],
    11: ['Ödeme başarısız', 'Payout failed'], 12: ['Tekrar denenecek', 'Retry']
  },
  // A payout transfer's Status.
  payout: { IN_FLIGHT: ['Bankada', 'In flight'], SUCCEEDED: ['Ödendi', 'Paid'], FAILED: ['Reddedildi', 'Refused'] },
  // CallbackDelivery.State.
  callback: { Pending: ['Bekliyor', 'Pending'], Delivered: ['İletildi', 'Delivered'], Dead: ['Vazgeçildi', 'Given up'] },
  // Debt.Type (a debt's Type) and Debt.Status (its Status wire name).
  debtType: { 1: ['İndirim', 'Discount'], 2: ['Kargo', 'Cargo'], 3: ['İptal', 'Cancel'] },
  debtStatus: {
    Open: ['Açık', 'Open'], InPayout: ['Ödemede', 'In payout'], Settled: ['Kapandı', 'Settled'],
    Deleted: ['Silindi', 'Deleted'], Reversed: ['Geri alındı', 'Reversed']
  },
  // PayoutJob.Status (a payout order's Status).
  job: { CREATED: ['Oluşturuldu', 'Created'], RUNNING: ['Sürüyor', 'Running'], SUCCEEDED: ['Başarılı', 'Succeeded'], FAILED: ['Başarısız', 'Failed'] },
  // PairRequest.Status and PairAsyncRequest.Status (a pair code's Status).
  pairing: {
    Pending: ['Bekliyor', 'Pending'], WaitingForConfirmation: ['Onay bekliyor', 'Waiting for confirmation'],
    Completed: ['Eşleşti', 'Completed'], Expired: ['Süresi doldu', 'Expired'], Cancelled: ['İptal edildi', 'Cancelled']
  },
  // KeyKind (a key's Kind).
  keyKind: { Private: ['Özel', 'Private'], Public: ['Genel', 'Public'], Webhook: ['Webhook', 'Webhook'] },
  // Approvals.Calculator (who calculated the shares).
  calculator: { Kasa: ['Kasa', 'Kasa'], Platform: ['Platform', 'Platform'] }
};

// Fixed texts: English as written in the pages → Turkish.
const TR = {
  // The shell and signing in
  'Kasa dashboard': 'Kasa paneli',
  'Pages': 'Sayfalar',
  'Language': 'Dil',
  'Overview': 'Genel bakış',
  'Terminals': 'Terminaller',
  'Payments': 'Ödemeler',
  'Marketplace': 'Pazaryeri',
  'Merchants & keys': 'Üye işyerleri ve anahtarlar',
  'Operator': 'Operatör',
  'Sign out': 'Çıkış',
  'Merchant': 'Üye işyeri',
  'Sign in with your private key pair (apiclientprivate and apikeyprivate).':
    'Özel anahtar çiftinizle girin (apiclientprivate ve apikeyprivate).',
  'Client': 'İstemci',
  'Key': 'Anahtar',
  'Sign in': 'Giriş',
  'Admin token': 'Yönetici belirteci',
  'Sign in as operator': 'Operatör olarak giriş',
  'These credentials are not valid.': 'Bu giriş bilgileri geçerli değil.',
  'Nothing yet.': 'Henüz bir şey yok.',

  // Overview
  'Today': 'Bugün',
  'Today, {date}': 'Bugün, {date}',
  'Sales': 'Satışlar',
  'Sales per minute': 'Dakika başına satış',
  'Period': 'Dönem',
  'last {hours} h': 'son {hours} sa',
  '{total} sales in the period, at most {max} in a minute': 'Dönemde {total} satış, dakikada en çok {max}',
  'Payments by outcome': 'Sonuca göre ödemeler',
  'Successful': 'Başarılı',
  'Cancelled': 'İptal edildi',
  'Pending': 'Bekliyor',
  'last 24 hours': 'son 24 saat',
  'last 30 days': 'son 30 gün',
  'hour': 'saat',
  'day': 'gün',
  'Payments per {unit}, {span}': 'Ödemeler ({unit} başına), {span}',
  'Volume per {unit} in {currency}, {span}': 'Hacim ({unit} başına, {currency}), {span}',
  '{count} payments in the {span}, {summary}.': '{span} içinde {count} ödeme: {summary}.',
  '{amount} in successful payments in the {span}.': '{span} içinde başarılı ödemelerde {amount}.',
  'none': 'yok',

  // Terminals
  'Terminal': 'Terminal',
  'Name': 'Ad',
  'Serial number': 'Seri numarası',
  'Tag code': 'Etiket kodu',
  'optional': 'isteğe bağlı',
  'Register terminal': 'Terminali kaydet',
  'Register a terminal': 'Terminal kaydet',
  'Terminal registered.': 'Terminal kaydedildi.',
  '{name} is paired with device {serial}.': '{name}, {serial} cihazıyla eşleşti.',
  'Unpair {name}? Its device stops working until it is paired again.':
    '{name} eşleşmesi kaldırılsın mı? Cihazı yeniden eşleşene kadar çalışmaz.',
  'Close': 'Kapat',
  'Waiting for confirmation: device {device} entered the code for {name}.':
    'Onay bekleniyor: {device} cihazı {name} için kodu girdi.',
  'Confirm': 'Onayla',
  '{name} is paired.': '{name} eşleşti.',
  'The pair code is: {status}.': 'Eşleşme kodu durumu: {status}.',
  'Async pair code for {name}': '{name} için asenkron eşleşme kodu',
  'Pair code for {name}': '{name} için eşleşme kodu',
  'Type it into the terminal before {time}.': 'Kodu {time} öncesinde terminale girin.',
  ' You confirm the device here once it has.': ' Girildiğinde cihazı burada onaylarsınız.',
  'QR code of the pair code': 'Eşleşme kodunun QR kodu',
  'Serial': 'Seri no',
  'Number': 'Numara',
  'Paired': 'Eşleşme',
  'Connection': 'Bağlantı',
  'Last seen': 'Son görülme',
  'Waiting for confirmation': 'Onay bekliyor',
  'Device {device}': 'Cihaz {device}',
  'Yes': 'Evet',
  'No': 'Hayır',
  'Online': 'Çevrim içi',
  'Offline': 'Çevrim dışı',
  'New pair code': 'Yeni eşleşme kodu',
  'Pair': 'Eşleştir',
  'Async code': 'Asenkron kod',
  'Unpair': 'Eşleşmeyi kaldır',
  'No terminals yet: register one below.': 'Henüz terminal yok: aşağıdan kaydedin.',

  // Payments
  'Any': 'Tümü',
  'part of a code': 'kodun bir parçası',
  'Export CSV': 'CSV olarak indir',
  ' every payment that matches, up to 50,000': ' eşleşen her ödeme, en çok 50.000',
  'Cancel this sale?': 'Bu satış iptal edilsin mi?',
  'Cancel the sale': 'Satışı iptal et',
  'A cancel order goes to the terminal; once the device approves it, the sale is cancelled and the callback address is told.':
    'Terminale bir iptal emri gider; cihaz onayladığında satış iptal edilir ve bildirim adresine haber verilir.',
  'Withdraw this order?': 'Bu emir geri çekilsin mi?',
  'Withdraw the order': 'Emri geri çek',
  'The terminal has not taken the order; it is withdrawn now, the device is told to drop it and the callback address is told.':
    'Terminal emri henüz almadı; emir şimdi geri çekilir, cihaza bırakması söylenir ve bildirim adresine haber verilir.',
  'Keep it': 'Vazgeç',
  'Cancel order sent to the terminal.': 'İptal emri terminale gönderildi.',
  'Order withdrawn.': 'Emir geri çekildi.',
  'Cancel sale…': 'Satışı iptal et…',
  'Withdraw cancel order…': 'İptal emrini geri çek…',
  'Withdraw order…': 'Emri geri çek…',
  'From': 'Başlangıç',
  'To': 'Bitiş',
  'Status': 'Durum',
  'Merchant unique code': 'Üye işyeri tekil kodu',
  'Filter': 'Filtrele',
  'Created': 'Oluşturma',
  'Code': 'Kod',
  'Amount': 'Tutar',
  'Type': 'Tür',
  'No payments match.': 'Eşleşen ödeme yok.',
  'Newer': 'Daha yeni',
  'Older': 'Daha eski',
  '{count} payments · page {page} of {pages}': '{count} ödeme · sayfa {page} / {pages}',
  '← Payments': '← Ödemeler',
  'Callback {sequence} queued to be sent again.': '{sequence}. bildirim yeniden gönderilmek üzere sıraya alındı.',
  'Payment': 'Ödeme',
  'Display code': 'Gösterim kodu',
  'Channel': 'Kanal',
  'Modified': 'Değişiklik',
  'Callback address': 'Bildirim adresi',
  'IP': 'IP',
  'Timeline': 'Zaman çizelgesi',
  'Products': 'Ürünler',
  'Quantity': 'Miktar',
  'Unit': 'Birim',
  'Tax': 'KDV',
  'Customer': 'Müşteri',
  'Company': 'Şirket',
  'Tax office': 'Vergi dairesi',
  'Tax number': 'Vergi numarası',
  'Identity': 'Kimlik',
  'Email': 'E-posta',
  'Phone': 'Telefon',
  'Address': 'Adres',
  'No customer on this sale.': 'Bu satışta müşteri yok.',
  'Callbacks': 'Bildirimler',
  'Target': 'Hedef',
  'State': 'Durum',
  'Tries': 'Deneme',
  'Last answer': 'Son yanıt',
  'Re-send': 'Yeniden gönder',
  'No callbacks yet.': 'Henüz bildirim yok.',
  'This sale has no callback address.': 'Bu satışın bildirim adresi yok.',

  // Marketplace
  'All statuses': 'Tüm durumlar',
  'Transfer description (optional)': 'Havale açıklaması (isteğe bağlı)',
  'Done for {count} product(s).': '{count} ürün için yapıldı.',
  'Product': 'Ürün',
  'Member': 'Üye',
  'Member share': 'Üye payı',
  'Platform share': 'Platform payı',
  'Calculated by': 'Hesaplayan',
  'Since': 'Tarih',
  'Approve': 'Onayla',
  'Reject': 'Reddet',
  'Nothing waits for approval.': 'Onay bekleyen bir şey yok.',
  'Pooled {currency}, {from} – {to}': 'Havuzda {currency}, {from} – {to}',
  '{count} earnings': '{count} kazanç',
  'Payout order started for {amount} ({count} earnings).': '{amount} için ödeme emri başlatıldı ({count} kazanç).',
  'Payouts': 'Havaleler',
  'Approval': 'Onay',
  'Platform account': 'Platform hesabı',
  'On': 'Açık',
  'Off': 'Kapalı',
  'Manual': 'Elle',
  'Automatic': 'Otomatik',
  'By the merchant': 'Üye işyeri tarafından',
  'Set': 'Tanımlı',
  'Not set': 'Tanımsız',
  'Members ({count})': 'Üyeler ({count})',
  'External id': 'Dış kimlik',
  'Accounts': 'Hesaplar',
  'Sub-merchant': 'Alt üye işyeri',
  'No members yet.': 'Henüz üye yok.',
  'Waiting for approval': 'Onay bekleyenler',
  'Approved earnings are paid on their reflection date (or pooled); rejected ones are never paid.':
    'Onaylanan kazançlar yansıma tarihinde ödenir (ya da havuza alınır); reddedilenler hiç ödenmez.',
  'Transfer description': 'Havale açıklaması',
  'Earnings': 'Kazançlar',
  'Pool and payout orders': 'Havuz ve ödeme emirleri',
  'Currency': 'Para birimi',
  ' Test mode (may include today)': ' Test modu (bugünü de kapsayabilir)',
  ' Skip the paid-range check': ' Ödenmiş aralık kontrolünü atla',
  'Show pool': 'Havuzu göster',
  'Start payout order': 'Ödeme emrini başlat',
  'Payout orders need manual trigger, which the operator turns on.':
    'Ödeme emirleri elle tetikleme gerektirir; bunu operatör açar.',
  'Payout orders': 'Ödeme emirleri',
  "Members' debts": 'Üyelerin borçları',
  "What a cargo or discount arrangement took beyond a member's share, or what was paid for a sale cancelled after payout; netted off the member's next payouts.":
    'Kargo ya da indirim düzenlemesinin üye payını aşan kısmı veya ödemeden sonra iptal edilen bir satış için ödenen tutar; üyenin sonraki ödemelerinden düşülür.',
  'Order {from} – {to}: {status}': 'Emir {from} – {to}: {status}',
  'Succeeded': 'Başarılı',
  'Failed': 'Başarısız',
  'No transfer tried yet.': 'Henüz havale denenmedi.',
  'Sale': 'Satış',
  'Payee': 'Alıcı',
  'Earning': 'Kazanç',
  'Reflection date': 'Yansıma tarihi',
  'Platform': 'Platform',
  'Retry payout': 'Ödemeyi yeniden dene',
  'No earnings yet.': 'Henüz kazanç yok.',
  'Earning {id} is queued for the next payout run.': '{id} numaralı kazanç bir sonraki ödeme turu için sıraya alındı.',
  "Bank's answer": 'Bankanın yanıtı',
  'Updated': 'Güncelleme',
  'payout order': 'ödeme emri',
  'No payouts yet.': 'Henüz ödeme yok.',
  'Range': 'Aralık',
  'Count': 'Adet',
  'Results': 'Sonuçlar',
  'No payout orders yet.': 'Henüz ödeme emri yok.',
  'Date': 'Tarih',
  'Debt': 'Borç',
  'No debts.': 'Borç yok.',

  // Operator
  '{kind} client': '{kind} istemci',
  '{kind} secret': '{kind} gizli anahtar',
  'Copy the secrets now: Kasa keeps only hashes (webhook keys encrypted) and will not show them again.':
    'Gizli anahtarları şimdi kopyalayın: Kasa yalnızca özetlerini tutar (webhook anahtarlarını şifreli) ve bir daha göstermez.',
  'Merchant name': 'Üye işyeri adı',
  'Create merchant': 'Üye işyeri oluştur',
  '{name} created': '{name} oluşturuldu',
  'Merchants': 'Üye işyerleri',
  'New merchant': 'Yeni üye işyeri',
  'Id': 'Kimlik',
  'demo': 'demo',
  '{kind} key rotated': '{kind} anahtar yenilendi',
  'Revoke this {kind} key? It stops working at once.': 'Bu {kind} anahtar iptal edilsin mi? Hemen çalışmaz olur.',
  'Key revoked.': 'Anahtar iptal edildi.',
  '{kind} key issued': '{kind} anahtar oluşturuldu',
  'Kind': 'Tür',
  'Issue key': 'Anahtar oluştur',
  '← Merchants': '← Üye işyerleri',
  'Issue a key': 'Anahtar oluştur',
  'Expires': 'Bitiş',
  'Revoked': 'İptal',
  'Active': 'Etkin',
  'Inactive': 'Etkin değil',
  'Rotate': 'Yenile',
  'webhook hash key of {merchant}': '{merchant} webhook özet anahtarı',
  '{kind} key pair of {merchant}': '{merchant} {kind} anahtar çifti',
  '{amount} {unit} (7 days)': '{amount} {unit} (7 gün)',
  '7 days': '7 gün',
  'Grace period must be a whole number from 1 to {most}. To stop the old key at once, choose "Stop it at once".':
    'Geçiş süresi 1 ile {most} arasında bir tam sayı olmalıdır. Eski anahtarı hemen durdurmak için "Hemen durdur"u seçin.',
  'The current {what} stops working at once, the moment you confirm; every integration still using it is refused from then on.':
    'Şu anki {what}, onayladığınız anda çalışmaz olur; onu kullanan her entegrasyon o andan itibaren reddedilir.',
  'The current {what} stops working at {time}; integrations must switch to the new keys before then.':
    'Şu anki {what} {time} itibarıyla çalışmaz olur; entegrasyonlar o zamana kadar yeni anahtarlara geçmelidir.',
  'Stop it at once and rotate': 'Hemen durdur ve yenile',
  'Go back': 'Geri dön',
  'Rotate the {kind} key': '{kind} anahtarı yenile',
  'A new {kind} key is issued now; the current one keeps working until the grace period ends.':
    'Şimdi yeni bir {kind} anahtar oluşturulur; şu anki geçiş süresi bitene kadar çalışmaya devam eder.',
  'The current key': 'Şu anki anahtar',
  ' keeps working for ': ' şu süre daha çalışsın: ',
  'Grace period': 'Geçiş süresi',
  ' Stop it at once (integrations still using it are refused immediately)':
    ' Hemen durdur (onu kullanan entegrasyonlar hemen reddedilir)',
  'Rotate key': 'Anahtarı yenile',
  'Cancel': 'Vazgeç',
  'minutes': 'dakika',
  'hours': 'saat',
  'days': 'gün',
  'Revoke': 'İptal et'
};
