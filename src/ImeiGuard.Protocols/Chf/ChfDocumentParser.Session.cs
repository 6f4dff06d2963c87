namespace ImeiGuard.Protocols.Chf;

/// <summary>The PDU session members of a ChargingDataRequest (pDUSessionChargingInformation and below).</summary>
internal ref partial struct ChfDocumentParser
{
    /// <summary>
    /// TS 32.291 PDUSessionChargingInformation: chargingId, userInformation, userLocationinfo (lower-case "info"),
    /// uetimeZone and pduSessionInformation.
    /// </summary>
    private bool ReadPduSessionChargingInformation()
    {
        if (!BeginObject(out var isObject) || !isObject)
        {
            return CanContinue;
        }

        const int ChargingId = 0, UserInformation = 1, Location = 2, TimeZone = 3, SessionInformation = 4;
        uint seen = 0;
        while (true)
        {
            if (!NextMember(out var end))
            {
                return false;
            }

            if (end)
            {
                return true;
            }

            var member =
                _json.ValueTextEquals("chargingId"u8) ? ChargingId :
                _json.ValueTextEquals("userInformation"u8) ? UserInformation :
                _json.ValueTextEquals("userLocationinfo"u8) ? Location :
                _json.ValueTextEquals("uetimeZone"u8) ? TimeZone :
                _json.ValueTextEquals("pduSessionInformation"u8) ? SessionInformation : -1;
            if (!TakeMember(member, ref seen, out var take))
            {
                return false;
            }

            if (!take)
            {
                continue;
            }

            var ok = member switch
            {
                ChargingId => ReadUInt32(out Record.ChargingId, out Record.HasChargingId),
                UserInformation => ReadUserInformation(),
                Location => ReadUserLocation(out Record.Location),
                TimeZone => ReadUeTimeZone(),
                _ => ReadPduSessionInformation(),
            };
            if (!ok)
            {
                return false;
            }
        }
    }

    /// <summary>TS 32.291 UserInformation: servedGPSI (Gpsi) and servedPEI (Pei).</summary>
    private bool ReadUserInformation()
    {
        if (!BeginObject(out var isObject) || !isObject)
        {
            return CanContinue;
        }

        const int Gpsi = 0, Pei = 1;
        uint seen = 0;
        while (true)
        {
            if (!NextMember(out var end))
            {
                return false;
            }

            if (end)
            {
                return true;
            }

            var member =
                _json.ValueTextEquals("servedGPSI"u8) ? Gpsi :
                _json.ValueTextEquals("servedPEI"u8) ? Pei : -1;
            if (!TakeMember(member, ref seen, out var take))
            {
                return false;
            }

            if (!take)
            {
                continue;
            }

            if (!ReadString(out var text, out var has))
            {
                return false;
            }

            if (has)
            {
                var error = member == Gpsi ? ChfIdentities.ParseGpsi(text, ref Record) : ChfIdentities.ParsePei(text, ref Record);
                if (error != ChfParseError.None)
                {
                    Flag(error);
                }
            }
        }
    }

    private bool ReadUeTimeZone()
    {
        if (!ReadString(out var text, out var has))
        {
            return false;
        }

        if (has && !UeTimeZone.TryParse(text, out Record.UeTimeZone))
        {
            Flag(ChfParseError.SchemaFormatMismatch);
        }

        return true;
    }

    /// <summary>
    /// TS 32.291 PDUSessionInformation: pduSessionID (required, TS 29.571 PduSessionId 0..255), dnnId (required),
    /// hPlmnId, ratType and pduAddress.
    /// </summary>
    private bool ReadPduSessionInformation()
    {
        if (!BeginObject(out var isObject) || !isObject)
        {
            return CanContinue;
        }

        const int SessionId = 0, Dnn = 1, HomePlmn = 2, RatType = 3, Address = 4;
        uint seen = 0;
        while (true)
        {
            if (!NextMember(out var end))
            {
                return false;
            }

            if (end)
            {
                break;
            }

            var member =
                _json.ValueTextEquals("pduSessionID"u8) ? SessionId :
                _json.ValueTextEquals("dnnId"u8) ? Dnn :
                _json.ValueTextEquals("hPlmnId"u8) ? HomePlmn :
                _json.ValueTextEquals("ratType"u8) ? RatType :
                _json.ValueTextEquals("pduAddress"u8) ? Address : -1;
            if (!TakeMember(member, ref seen, out var take))
            {
                return false;
            }

            if (!take)
            {
                continue;
            }

            var ok = member switch
            {
                SessionId => ReadPduSessionId(),
                Dnn => SkipString(),
                HomePlmn => ReadPlmnId(out Record.HomePlmn),
                RatType => ReadRatType(),
                _ => ReadPduAddress(),
            };
            if (!ok)
            {
                return false;
            }
        }

        Require(seen, (1u << SessionId) | (1u << Dnn));
        return true;
    }

    private bool ReadPduSessionId()
    {
        if (!ReadUInt32(out var id, out var has))
        {
            return false;
        }

        if (has && id > byte.MaxValue)
        {
            Flag(ChfParseError.ValueOutOfRange);
        }
        else if (has)
        {
            Record.PduSessionId = (byte)id;
            Record.HasPduSessionId = true;
        }

        return true;
    }

    private bool ReadRatType()
    {
        if (!ReadString(out var text, out var has))
        {
            return false;
        }

        if (has)
        {
            Record.RatType = ChfRatTypes.Parse(text);
        }

        return true;
    }

    /// <summary>
    /// TS 32.291 PDUAddress: pduIPv4Address (Ipv4Addr), pduIPv6AddresswithPrefix (an Ipv6Addr, not a prefix string)
    /// and pduAddressprefixlength (integer, 0..128 for an IPv6 prefix).
    /// </summary>
    private bool ReadPduAddress()
    {
        if (!BeginObject(out var isObject) || !isObject)
        {
            return CanContinue;
        }

        const int Ipv4 = 0, Ipv6 = 1, PrefixLength = 2;
        uint seen = 0;
        while (true)
        {
            if (!NextMember(out var end))
            {
                return false;
            }

            if (end)
            {
                return true;
            }

            var member =
                _json.ValueTextEquals("pduIPv4Address"u8) ? Ipv4 :
                _json.ValueTextEquals("pduIPv6AddresswithPrefix"u8) ? Ipv6 :
                _json.ValueTextEquals("pduAddressprefixlength"u8) ? PrefixLength : -1;
            if (!TakeMember(member, ref seen, out var take))
            {
                return false;
            }

            var ok = !take || (member == PrefixLength ? ReadPrefixLength() : ReadAddress(member == Ipv6));
            if (!ok)
            {
                return false;
            }
        }
    }

    private bool ReadAddress(bool ipv6)
    {
        if (!ReadString(out var text, out var has))
        {
            return false;
        }

        if (!has)
        {
            return true;
        }

        var parsed = ipv6
            ? Record.HasUeIpv6 = ChfText.TryParseIpv6(text, out Record.UeIpv6)
            : Record.HasUeIpv4 = ChfText.TryParseIpv4(text, out Record.UeIpv4);
        if (!parsed)
        {
            Flag(ChfParseError.SchemaPatternMismatch);
        }

        return true;
    }

    private bool ReadPrefixLength()
    {
        if (!ReadUInt32(out var length, out var has))
        {
            return false;
        }

        if (has && length > 128)
        {
            Flag(ChfParseError.ValueOutOfRange);
        }
        else if (has)
        {
            Record.UeIpv6PrefixLength = (byte)length;
            Record.HasUeIpv6PrefixLength = true;
        }

        return true;
    }
}
