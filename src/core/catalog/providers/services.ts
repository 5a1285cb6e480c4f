import type { HostRule, Provider, ServiceKind } from '../types.ts';

/**
 * Critical third-party services a page calls (fingerprints.md section 7): script CDNs, fonts,
 * payments, captcha, auth, monitoring, consent, support widgets. Recognised by the hostname (and
 * path) of the request, never by a mention in a CSP header.
 */
function service(
  id: string,
  name: string,
  serviceKind: ServiceKind,
  homepage: string,
  description: string,
  hosts: readonly HostRule[],
  extra: Partial<Pick<Provider, 'headers' | 'excludes'>> = {},
): Provider {
  return {
    id,
    name,
    category: 'service',
    role: 'service',
    serviceKind,
    homepage,
    description,
    hosts,
    ...extra,
  };
}

export const SERVICE_PROVIDERS: readonly Provider[] = [
  // Script and library CDNs.
  service('cdnjs', 'cdnjs', 'script-cdn', 'https://cdnjs.com', 'Open-source library CDN run on Cloudflare.', [
    { suffix: 'cdnjs.cloudflare.com' },
  ]),
  service(
    'jsdelivr',
    'jsDelivr',
    'script-cdn',
    'https://www.jsdelivr.com',
    'Open-source CDN for npm and GitHub files, served by several CDNs.',
    [{ suffix: 'jsdelivr.net' }, { suffix: 'esm.run' }],
  ),
  service('unpkg', 'unpkg', 'script-cdn', 'https://unpkg.com', 'CDN for files of npm packages.', [
    { suffix: 'unpkg.com' },
  ]),
  service(
    'google-hosted-libs',
    'Google Hosted Libraries',
    'script-cdn',
    'https://developers.google.com/speed/libraries',
    "Google's CDN for popular JavaScript libraries.",
    [{ suffix: 'ajax.googleapis.com', path: '/ajax/libs/' }],
  ),
  service('jquery-cdn', 'jQuery CDN', 'script-cdn', 'https://releases.jquery.com', 'Official jQuery CDN.', [
    { suffix: 'code.jquery.com' },
  ]),
  service(
    'bootstrapcdn',
    'BootstrapCDN',
    'script-cdn',
    'https://www.bootstrapcdn.com',
    'CDN for Bootstrap and Font Awesome files.',
    [{ suffix: 'bootstrapcdn.com' }],
  ),
  service(
    'ms-ajax-cdn',
    'Microsoft Ajax CDN',
    'script-cdn',
    'https://learn.microsoft.com/aspnet/ajax/cdn/overview',
    "Microsoft's CDN for jQuery and ASP.NET scripts.",
    [{ suffix: 'ajax.aspnetcdn.com', path: '/ajax/' }],
  ),
  service(
    'statically',
    'Statically',
    'script-cdn',
    'https://statically.io',
    'Free CDN for open-source files and images.',
    [{ suffix: 'statically.io' }],
    { headers: [{ name: 'server', value: /^statically$/i, strength: 'strong' }] },
  ),

  // Fonts and icons.
  service(
    'google-fonts',
    'Google Fonts',
    'fonts',
    'https://fonts.google.com',
    'Web font hosting by Google.',
    [{ suffix: 'fonts.googleapis.com' }, { suffix: 'fonts.gstatic.com' }],
  ),
  service(
    'adobe-fonts',
    'Adobe Fonts (Typekit)',
    'fonts',
    'https://fonts.adobe.com',
    'Web font hosting by Adobe.',
    [{ suffix: 'typekit.net' }, { suffix: 'typekit.com' }],
  ),
  service('fontawesome', 'Font Awesome', 'fonts', 'https://fontawesome.com', 'Icon font kits and CDN.', [
    { suffix: 'fontawesome.com' },
    { suffix: 'fortawesome.com' },
  ]),

  // Payments.
  service(
    'stripe',
    'Stripe',
    'payments',
    'https://stripe.com',
    'Online payments (Stripe.js, Checkout, Elements).',
    [{ suffix: 'stripe.com' }, { suffix: 'stripe.network' }, { suffix: 'stripecdn.com' }],
  ),
  service('paypal', 'PayPal', 'payments', 'https://www.paypal.com', 'Online payments and checkout buttons.', [
    { suffix: 'paypal.com' },
    { suffix: 'paypalobjects.com' },
  ]),
  service(
    'braintree',
    'Braintree',
    'payments',
    'https://www.braintreepayments.com',
    'PayPal-owned payment gateway.',
    [{ suffix: 'braintreegateway.com' }],
  ),
  service('adyen', 'Adyen', 'payments', 'https://www.adyen.com', 'Payment platform (checkout components).', [
    { suffix: 'adyen.com' },
  ]),
  service('square', 'Square', 'payments', 'https://squareup.com', 'Payments (Web Payments SDK).', [
    { suffix: 'squareup.com' },
    { suffix: 'squarecdn.com' },
  ]),
  service('klarna', 'Klarna', 'payments', 'https://www.klarna.com', 'Buy-now-pay-later payments.', [
    { suffix: 'klarnaservices.com' },
    { suffix: 'klarnacdn.net' },
  ]),
  service('google-pay', 'Google Pay', 'payments', 'https://pay.google.com', 'Google Pay button and API.', [
    { suffix: 'pay.google.com' },
  ]),
  service('amazon-pay', 'Amazon Pay', 'payments', 'https://pay.amazon.com', 'Amazon Pay checkout.', [
    { suffix: 'payments-amazon.com' },
  ]),
  service('shop-pay', 'Shop Pay', 'payments', 'https://shop.app', "Shopify's accelerated checkout.", [
    { suffix: 'cdn.shopify.com', path: '/shopifycloud/shopify_pay/' },
  ]),

  // Captcha and bot management.
  service(
    'recaptcha',
    'Google reCAPTCHA',
    'captcha',
    'https://www.google.com/recaptcha/',
    "Google's captcha and bot score service.",
    [
      { suffix: 'www.google.com', path: '/recaptcha/' },
      { suffix: 'www.gstatic.com', path: '/recaptcha/' },
      { suffix: 'recaptcha.net' },
    ],
  ),
  service('hcaptcha', 'hCaptcha', 'captcha', 'https://www.hcaptcha.com', 'Privacy-focused captcha service.', [
    { suffix: 'hcaptcha.com' },
  ]),
  service(
    'turnstile',
    'Cloudflare Turnstile',
    'captcha',
    'https://www.cloudflare.com/products/turnstile/',
    "Cloudflare's captcha alternative.",
    [{ suffix: 'challenges.cloudflare.com', path: '/turnstile/' }],
  ),
  service(
    'arkose',
    'Arkose Labs (FunCaptcha)',
    'captcha',
    'https://www.arkoselabs.com',
    'Bot and fraud challenge service.',
    [{ suffix: 'arkoselabs.com' }],
  ),
  service(
    'aws-waf-captcha',
    'AWS WAF CAPTCHA',
    'captcha',
    'https://docs.aws.amazon.com/waf/latest/developerguide/waf-captcha-and-challenge.html',
    'Captcha and silent challenge of AWS WAF.',
    [{ suffix: 'awswaf.com' }],
  ),
  service('geetest', 'GeeTest', 'captcha', 'https://www.geetest.com', 'Behavioural captcha service.', [
    { suffix: 'geetest.com' },
  ]),
  service('mtcaptcha', 'MTCaptcha', 'captcha', 'https://www.mtcaptcha.com', 'Captcha service.', [
    { suffix: 'mtcaptcha.com' },
  ]),
  service(
    'datadome-js',
    'DataDome (client)',
    'bot-management',
    'https://datadome.co',
    "DataDome's bot-detection script and collector.",
    [{ suffix: 'datadome.co' }],
  ),
  service(
    'px-js',
    'HUMAN (PerimeterX) client',
    'bot-management',
    'https://www.humansecurity.com',
    'Bot-detection script of HUMAN Security (formerly PerimeterX).',
    [{ suffix: 'pxi.pub' }, { suffix: 'perimeterx.net' }],
  ),

  // Sign-in.
  service(
    'google-signin',
    'Sign in with Google',
    'auth',
    'https://developers.google.com/identity/gsi/web',
    'Google Identity Services sign-in.',
    [{ suffix: 'accounts.google.com', path: '/gsi/' }],
  ),
  service(
    'apple-signin',
    'Sign in with Apple',
    'auth',
    'https://developer.apple.com/sign-in-with-apple/',
    'Sign in with Apple JS.',
    [{ suffix: 'appleid.cdn-apple.com', path: '/appleauth/' }],
  ),
  service(
    'auth0',
    'Auth0',
    'auth',
    'https://auth0.com',
    'Identity platform (Okta).',
    [{ suffix: 'auth0.com' }],
    { headers: [{ name: 'x-auth0-requestid', strength: 'strong' }] },
  ),
  service('okta', 'Okta', 'auth', 'https://www.okta.com', 'Workforce and customer identity.', [
    { suffix: 'okta.com' },
    { suffix: 'oktacdn.com' },
  ]),
  service(
    'azure-b2c',
    'Azure AD B2C / Entra External ID',
    'auth',
    'https://learn.microsoft.com/azure/active-directory-b2c/',
    "Microsoft's customer identity service.",
    [{ suffix: 'b2clogin.com' }],
  ),
  service(
    'cognito',
    'Amazon Cognito',
    'auth',
    'https://aws.amazon.com/cognito/',
    'AWS user sign-in service.',
    [{ suffix: 'amazoncognito.com' }],
  ),
  service(
    'firebase',
    'Firebase',
    'database',
    'https://firebase.google.com',
    "Google's app backend: Realtime Database, Auth and the Firebase JS SDK.",
    [{ suffix: 'firebaseio.com' }, { suffix: 'www.gstatic.com', path: '/firebasejs/' }],
  ),

  // Monitoring, analytics and tags.
  service('sentry', 'Sentry', 'monitoring', 'https://sentry.io', 'Error and performance monitoring.', [
    { suffix: 'sentry-cdn.com' },
    { suffix: 'sentry.io' },
  ]),
  service(
    'datadog',
    'Datadog RUM',
    'monitoring',
    'https://www.datadoghq.com',
    'Real-user monitoring and browser logs.',
    [{ suffix: 'datadoghq-browser-agent.com' }, { suffix: 'browser-intake-datadoghq.com' }],
  ),
  service(
    'gtm',
    'Google Tag Manager',
    'tags',
    'https://tagmanager.google.com',
    'Tag manager and gtag.js loader.',
    [{ suffix: 'googletagmanager.com' }],
  ),
  service(
    'segment',
    'Segment',
    'analytics',
    'https://segment.com',
    'Customer data platform (analytics.js).',
    [{ suffix: 'segment.com' }, { suffix: 'segment.io' }],
  ),
  service(
    'cf-web-analytics',
    'Cloudflare Web Analytics',
    'analytics',
    'https://www.cloudflare.com/web-analytics/',
    "Cloudflare's privacy-first analytics beacon.",
    [{ suffix: 'cloudflareinsights.com' }],
  ),

  // Consent.
  service('onetrust', 'OneTrust', 'consent', 'https://www.onetrust.com', 'Cookie consent banner.', [
    { suffix: 'cookielaw.org' },
    { suffix: 'optanon.blob.core.windows.net' },
    { suffix: 'onetrust.com' },
  ]),
  service(
    'cookiebot',
    'Cookiebot',
    'consent',
    'https://www.cookiebot.com',
    'Cookie consent banner (Usercentrics).',
    [{ suffix: 'cookiebot.com' }],
  ),

  // Support widgets.
  service('intercom', 'Intercom', 'support', 'https://www.intercom.com', 'Customer messaging widget.', [
    { suffix: 'intercom.io' },
    { suffix: 'intercomcdn.com' },
  ]),
  service('zendesk', 'Zendesk', 'support', 'https://www.zendesk.com', 'Help centre and chat widget.', [
    { suffix: 'zdassets.com' },
    { suffix: 'zopim.com' },
    { suffix: 'zendesk.com' },
  ]),

  // Code hosting.
  service(
    'github',
    'GitHub',
    'code-hosting',
    'https://github.com',
    'Code hosting: the page loads files, avatars or API data straight from GitHub.',
    [{ suffix: 'github.com' }, { suffix: 'githubusercontent.com' }, { suffix: 'githubassets.com' }],
    // GitHub's API and raw hosts also send `x-github-request-id`: that is not GitHub Pages.
    { excludes: ['github-pages'] },
  ),

  // Maps and video.
  service(
    'google-maps',
    'Google Maps Platform',
    'maps',
    'https://mapsplatform.google.com',
    'Embedded maps and the Maps JavaScript API.',
    [{ suffix: 'maps.googleapis.com' }, { suffix: 'maps.google.com' }, { suffix: 'maps.gstatic.com' }],
  ),
  service('youtube', 'YouTube', 'video', 'https://www.youtube.com', 'Embedded videos.', [
    { suffix: 'youtube.com' },
    { suffix: 'youtube-nocookie.com' },
    { suffix: 'ytimg.com' },
  ]),
];
