namespace ENotary.Web
{
    using System;

    /// <summary>Нотариаттық әрекеттер тізілімі.</summary>
    public sealed class Registry
    {
        private long sequence;

        public NotarialAct Register(string license, string kind)
        {
            if (string.IsNullOrEmpty(license)) throw new ArgumentException("Не указана лицензия нотариуса");
            sequence++;
            return new NotarialAct { Number = DateTime.Today.Year + "-" + sequence.ToString("D7"), NotaryLicense = license, Kind = kind, RegisteredAt = DateTime.Now };
        }
    }
}
